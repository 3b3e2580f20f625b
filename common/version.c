/* common/version.c -- see common/version.h. */
#include "common/version.h"

const char *cl_version(void)
{
    return CL_VERSION;
}

#ifdef __OPTIMIZE__
const int cl_build_optimized = 1;
#else
const int cl_build_optimized = 0;
#endif
