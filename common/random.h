/*
 * common/random.h -- randomness from the operating system.
 *
 * Uses getrandom(2) and nothing else.  A failure is reported as
 * CL_ERR_RANDOM; there is never a fallback to a weaker source.
 */
#ifndef CRYPTOLAB_COMMON_RANDOM_H
#define CRYPTOLAB_COMMON_RANDOM_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

cl_status cl_random_bytes(uint8_t *buf, size_t len);

#endif
