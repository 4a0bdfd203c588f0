/* SPDX-License-Identifier: GPL-2.0-only */
/* commands.h - the subcommands besides `run` (report.c, sipc_check.c, bchan.c, bccheck.c). */
#ifndef IPC_AUDIT_COMMANDS_H
#define IPC_AUDIT_COMMANDS_H

int report_main(int argc, char **argv);
/* TAP: the assertions of `make check` */
int check_main(int argc, char **argv);
/* receiver-to-sender channels: measure (bchan.c), assert (bccheck.c) */
int bchan_main(int argc, char **argv);
int bccheck_main(int argc, char **argv);

#endif
