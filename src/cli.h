/* SPDX-License-Identifier: Apache-2.0 */
/* The subcommands of the newsgraph CLI. Each parses its own options and
 * returns the process exit status: 0 success, 1 processing error (or, for
 * validate, data that does not conform), 2 usage error. */
#ifndef NG_CLI_H
#define NG_CLI_H

int ng_cli_extract(int argc, char **argv);
int ng_cli_validate(int argc, char **argv);
int ng_cli_batch(int argc, char **argv);

#endif /* NG_CLI_H */
