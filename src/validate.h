/* SPDX-License-Identifier: Apache-2.0 */
/* Internal interface of the validator: an interned term store, indexed
 * in-memory graphs loaded through raptor2, the SHACL Core engine and the
 * OWL checks. Shared by src/triples.c, src/shacl.c, src/validate.c and the
 * validator's tests; not installed. */
#ifndef NG_VALIDATE_H
#define NG_VALIDATE_H

#include "triples.h"
#include "owl.h"
#include "results.h"
#include "shacl.h"
#include "xsd.h"

#endif /* NG_VALIDATE_H */
