#!/bin/sh
# The include firewall (ARCHITECTURE.md §2): each library header is
# included only by its own layer.  Exit 1 and name the file otherwise.
src="${top_srcdir:-.}/src"
fail=0
check() {	# pattern allowed-regex description
	bad=$(grep -rlE "$1" "$src" | sed "s|^$src/||" | grep -vE "$2")
	if [ -n "$bad" ]; then
		echo "FAIL: $3 included outside its layer: $bad"
		fail=1
	fi
}
check '#include *<(mysql|mariadb/mysql)\.h>' '^db/' '<mysql.h>'
check '#include *<fcgi(app|_stdio|config)\.h>' '^(http/|drecd\.c$)' 'FastCGI headers'
check '#include *<openssl/' '^crypto/' 'OpenSSL headers'
check '#include *<crypt\.h>' '^crypto/' '<crypt.h>'
check '#include *<json-c/' '^(http/|api/|crypto/jwt\.c$|drecctl\.c$)' 'json-c headers'
# core/ and domain/ are libc only: they include no other layer.
check '#include *"(db|http|api|crypto|issuer|account)/' '^(db|http|api|crypto|issuer|account)/|^drecd\.c$|^drecctl(_issuer|_mail)?\.c$' 'upper-layer headers in core/ or domain/'
check '#include *"(api)/' '^api/|^drecd\.c$|^drecctl\.c$' 'api/ headers below api/'
check '#include *"issuer/' '^(issuer|api)/|^drecd\.c$|^drecctl(_issuer|_mail)?\.c$' 'issuer/ headers below issuer/'
# account/ (account creation, tokens, mail; docs/architecture.md) stands on
# core/, domain/, db/ and crypto/; api/ and the two mains use it.
check '#include *"account/' '^(account|api)/|^drecd\.c$|^drecctl(_issuer|_mail)?\.c$' 'account/ headers below account/'
bad=$(grep -rlE '#include *"(http|api|issuer)/' "$src/account" | sed "s|^$src/||")
if [ -n "$bad" ]; then
	echo "FAIL: account/ includes http/, api/ or issuer/ headers: $bad"
	fail=1
fi
# db/, http/ and crypto/ stand side by side on core/ and domain/
# (ARCHITECTURE.md §2; issue 14): none includes another's headers.
for layer in db http crypto; do
	others=$(printf '%s\n' db http crypto | grep -vx "$layer" | paste -sd'|' -)
	bad=$(grep -rlE "#include *\"($others)/" "$src/$layer" | sed "s|^$src/||")
	if [ -n "$bad" ]; then
		echo "FAIL: $layer/ includes headers of ($others)/:" "$bad"
		fail=1
	fi
done
if [ $fail -eq 0 ]; then
	echo "include firewall: ok"
fi
exit $fail
