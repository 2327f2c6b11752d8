/*
 * Unit tests for src/domain/: users.md §4.1 text, e-mail and password rules.
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "domain/roles.h"
#include "domain/user_rules.h"
#include "unit.h"

static void
test_trim(void)
{
	char a[] = " \t Ann \r\n", b[] = "   ", c[] = "x";

	CU_ASSERT_STRING_EQUAL(dom_trim(a), "Ann");
	CU_ASSERT_STRING_EQUAL(dom_trim(b), "");
	CU_ASSERT_STRING_EQUAL(dom_trim(c), "x");
}

static void
test_text(void)
{
	CU_ASSERT_EQUAL(dom_check_text("RooftopSolar", 12, 1, 255), DOM_TEXT_OK);
	CU_ASSERT_EQUAL(dom_check_text("", 0, 1, 255), DOM_TEXT_SHORT);
	CU_ASSERT_EQUAL(dom_check_text("a\tb", 3, 1, 255), DOM_TEXT_CONTROL);
	CU_ASSERT_EQUAL(dom_check_text("a\x7f", 2, 1, 255), DOM_TEXT_CONTROL);
	CU_ASSERT_EQUAL(dom_check_text("ab", 3, 1, 255), DOM_TEXT_CONTROL);
	CU_ASSERT_EQUAL(dom_check_text("abc", 3, 1, 2), DOM_TEXT_LONG);
	/* Three code points in six bytes fit a 3-character limit. */
	CU_ASSERT_EQUAL(dom_check_text("\xc3\xa9\xc3\xa9\xc3\xa9", 6, 1, 3),
	    DOM_TEXT_OK);
	CU_ASSERT_EQUAL(dom_utf8_len("\xe2\x82\xac" "1"), 2);
}

static void
test_email(void)
{
	static const char *good[] = { "uattesting_ricky@gmail.com", "a@b.io",
	    "first.last+tag@sub.example.org", "x!#$%&'*+/=?^_`{|}~-@d-1.io",
	    "A@B.IO", NULL };
	static const char *bad[] = { "a@b", "@b.io", "a@", "a.@b.io", ".a@b.io",
	    "a..b@b.io", "a@b..io", "a@-b.io", "a@b-.io", "a@b.123",
	    "a b@c.io", "a@b@c.io", "\"q\"@b.io", "a@[127.0.0.1]",
	    "\xc3\xa9@b.io", "a@b_c.io", "", NULL };
	char long_local[80];
	int i;

	for (i = 0; good[i] != NULL; i++)
		CU_ASSERT_PTR_NULL(dom_check_email(good[i], strlen(good[i])));
	for (i = 0; bad[i] != NULL; i++)
		CU_ASSERT_PTR_NOT_NULL(dom_check_email(bad[i], strlen(bad[i])));
	memset(long_local, 'a', 65);
	strcpy(long_local + 65, "@b.io");
	CU_ASSERT_PTR_NOT_NULL(dom_check_email(long_local, strlen(long_local)));
	long_local[1] = '@';
	strcpy(long_local + 2, "b.io");
	CU_ASSERT_PTR_NULL(dom_check_email(long_local, strlen(long_local)));
}

static void
test_password(void)
{
	char p72[80], p73[80];

	CU_ASSERT_PTR_NULL(dom_check_password("DEF123", 6));
	CU_ASSERT_PTR_NOT_NULL(dom_check_password("DEF12", 5));
	CU_ASSERT_PTR_NOT_NULL(dom_check_password("abcdef", 6));
	CU_ASSERT_PTR_NOT_NULL(dom_check_password("123456", 6));
	CU_ASSERT_PTR_NOT_NULL(dom_check_password("abc12\0x", 7));
	memset(p72, 'a', 71);
	p72[71] = '1';
	p72[72] = '\0';
	CU_ASSERT_PTR_NULL(dom_check_password(p72, 72));
	memcpy(p73, p72, 72);
	p73[72] = 'b';
	p73[73] = '\0';
	CU_ASSERT_PTR_NOT_NULL(dom_check_password(p73, 73));
	/* The message never contains the password. */
	CU_ASSERT_PTR_NULL(strstr(dom_check_password("abcdef", 6), "abcdef"));
}

static void
test_canonical(void)
{
	static const char *const t[] = { "Developer", "Buyer", NULL };
	char s[] = "AbC";

	CU_ASSERT_STRING_EQUAL(dom_canonical("developer", t), "Developer");
	CU_ASSERT_STRING_EQUAL(dom_canonical("BUYER", t), "Buyer");
	CU_ASSERT_PTR_NULL(dom_canonical("Seller", t));
	CU_ASSERT_STRING_EQUAL(dom_ascii_lower(s), "abc");
}

/* domain/roles.h: one table behind bits, fits and managers. */
static void
test_roles(void)
{
	CU_ASSERT_EQUAL(dom_role_bit("Admin", NULL), ROLE_ADMIN);
	CU_ASSERT_EQUAL(dom_role_bit("OrganizationAdmin", "Developer"),
	    ROLE_ORGADMIN);
	CU_ASSERT_EQUAL(dom_role_bit("SubBuyer", "Buyer"), ROLE_SUBBUYER);
	CU_ASSERT_EQUAL(dom_role_bit("ApiUser", "ApiUser"), ROLE_APIUSER);
	CU_ASSERT_EQUAL(dom_role_bit("User", "Developer"), ROLE_DEV_USER);
	CU_ASSERT_EQUAL(dom_role_bit("User", "Buyer"), ROLE_BUY_USER);
	CU_ASSERT_EQUAL(dom_role_bit("User", "Admin"), 0);
	CU_ASSERT_EQUAL(dom_role_bit("User", NULL), 0);
	CU_ASSERT_EQUAL(dom_role_bit("Owner", "Developer"), 0);
	CU_ASSERT_EQUAL(dom_role_bit(NULL, "Developer"), 0);
	CU_ASSERT_TRUE(dom_role_fits("DeviceOwner", "Developer"));
	CU_ASSERT_FALSE(dom_role_fits("DeviceOwner", "Buyer"));
	CU_ASSERT_TRUE(dom_role_fits("Buyer", "Buyer"));
	CU_ASSERT_TRUE(dom_role_fits("User", "ApiUser"));
	CU_ASSERT_FALSE(dom_role_fits("User", "Admin"));
	CU_ASSERT_FALSE(dom_role_fits("Admin", "Admin"));
	CU_ASSERT_FALSE(dom_role_fits("ApiUser", "ApiUser"));
	CU_ASSERT_STRING_EQUAL(dom_role_manager("Developer"),
	    "OrganizationAdmin");
	CU_ASSERT_STRING_EQUAL(dom_role_manager("Buyer"), "Buyer");
	CU_ASSERT_PTR_NULL(dom_role_manager("ApiUser"));
	CU_ASSERT_PTR_NULL(dom_role_manager(NULL));
	CU_ASSERT_STRING_EQUAL(dom_canonical("subbuyer", dom_role_names),
	    "SubBuyer");
	CU_ASSERT_PTR_NULL(dom_canonical("Admin", dom_role_names));
}

void
register_domain_tests(void)
{
	CU_pSuite s = CU_add_suite("domain/user_rules", NULL, NULL);

	CU_add_test(s, "trim", test_trim);
	CU_add_test(s, "text", test_text);
	CU_add_test(s, "email", test_email);
	CU_add_test(s, "password", test_password);
	CU_add_test(s, "canonical", test_canonical);
	CU_add_test(s, "roles", test_roles);
}
