/* SPDX-License-Identifier: Apache-2.0 */
/* What the subcommands of the newsgraph CLI share: their common options,
 * loading the knowledge files and printing errors. */
#ifndef NG_CLI_COMMON_H
#define NG_CLI_COMMON_H

#include <stdio.h>

#include "newsgraph.h"

/* The most --gazetteer or --patterns files a command takes. */
#define NG_CLI_MAX_FILES 64

/* Appends a data file named on the command line; 2 (usage) if too many. */
int ng_cli_push(const char **list, size_t *n, const char *arg);
/* Parses a --max-size value (bytes, or with a unit: 10k, 64M, 1G); 2
 * (usage) with a message if invalid. */
int ng_cli_parse_size(const char *arg, unsigned long *out);
/* -q: warnings are not printed (errors are). */
extern int ng_cli_quiet;
/* After getopt_long returned c ('?' or ':', with ':' first in the option
 * string): one line naming the option and a hint; returns 2. */
int ng_cli_bad_option(const char *cmd, int c, char **argv);
/* -V: the version and the data directory in use. */
void ng_cli_version(void);
/* Checks a --base value; 2 (usage) with a message if not an absolute IRI. */
int ng_cli_check_base(const char *arg);

/* The options extract and batch share: -b/--base, -g/--gazetteer,
 * -p/--patterns, -d/--data-dir and --max-size (its long option maps to
 * NG_CLI_OPT_MAX_SIZE). Zero-initialize, set max_size to the default. */
#define NG_CLI_OPT_MAX_SIZE 'M'
#define NG_CLI_DEFAULT_MAX_SIZE (64UL * 1024 * 1024)
typedef struct {
	const char *base, *dir;
	const char *gaz[NG_CLI_MAX_FILES], *pat[NG_CLI_MAX_FILES];
	size_t ngaz, npat;
	unsigned long max_size;
} ng_cli_data;
/* Takes option c with argument arg if it is one of those, or -h/--help
 * (usage to standard output), -V/--version or -q/--quiet; anything else is
 * a usage error of command cmd (ng_cli_bad_option). Returns -1 when the
 * command goes on, else the exit status. */
int ng_cli_data_option(ng_cli_data *d, int c, const char *arg, const char *cmd, char **argv,
                       void (*print_usage)(FILE *));

/* Loads the data files of dir (NULL: ng_data_dir()), the user's gazetteers
 * and patterns, and prepares them; prints errors and returns NULL on
 * failure. */
ng_knowledge *ng_cli_load_knowledge(const char *dir, const char *const *gaz, size_t ngaz,
                                    const char *const *pat, size_t npat);

/* Prints "newsgraph: FILE: message" to stderr, the file name escaped
 * (ng_escape): a name may hold any byte. */
void ng_cli_errorf(const char *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "newsgraph: FILE: line L: column C: byte B: message" to stderr. */
void ng_cli_print_error(void *handle, const ng_error *error);

#endif /* NG_CLI_COMMON_H */
