/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_DATADIR_H
#define BITSPLIT_DATADIR_H

/*
 * Where the semantic patches and data files live: $BITSPLIT_DATADIR, else
 * semantic-patches/ next to the executable (a build tree), else the
 * installed share directory.
 */
const char *bitsplit_datadir(void);
/* bitsplit_datadir()/name, allocated. */
char *datadir_path(const char *name);

#endif
