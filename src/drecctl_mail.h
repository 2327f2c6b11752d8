/*
 * drecctl's mailer (accounts.md §8.3):
 *   drecctl mail [--every SECONDS] [--flush]
 *   drecctl mail status
 *   drecctl mail retry ID
 */
#ifndef DRECCTL_MAIL_H
#define DRECCTL_MAIL_H

#include "core/config.h"

/* Returns the exit status (0, 1 database error, 2 configuration error);
 * argv[0] is "mail". */
int	cmd_mail(const struct config *, int argc, char *argv[]);

#endif
