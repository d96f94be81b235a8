/* SPDX-License-Identifier: MIT */
/*
 * mbedtls_memory_debug.h - added to crypto/mbedtls_config.h in the host
 * test builds only (MBEDTLS_USER_CONFIG_FILE, see the Makefile): Mbed
 * TLS's own counters of its arena (mbedtls_memory_buffer_alloc_max_get),
 * which the arena test reads beside the painted high-water mark. They
 * print through stdio, which is why this lives outside crypto/ and never
 * reaches a device build.
 */
#ifndef MAV_MBEDTLS_MEMORY_DEBUG_H
#define MAV_MBEDTLS_MEMORY_DEBUG_H

#define MBEDTLS_MEMORY_DEBUG
#include <stdio.h>
#define MBEDTLS_PLATFORM_FPRINTF_MACRO fprintf
#define MBEDTLS_PLATFORM_PRINTF_MACRO printf

#endif /* MAV_MBEDTLS_MEMORY_DEBUG_H */
