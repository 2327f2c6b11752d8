/*
 * drecctl's issuer commands (certificates.md §4, §8):
 *   drecctl issue [--every SECONDS] [--force]
 *   drecctl issuer-key init [--file PATH]
 *   drecctl ledger verify
 */
#ifndef DRECCTL_ISSUER_H
#define DRECCTL_ISSUER_H

#include "core/config.h"

/* Each returns the process exit status; argv[0] is the command name. */
int	cmd_issue(const struct config *, int argc, char *argv[]);
int	cmd_issuer_key(const struct config *, int argc, char *argv[]);
int	cmd_ledger(const struct config *, int argc, char *argv[]);

#endif
