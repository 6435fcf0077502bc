/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The libFuzzer entry point, declared for -Wmissing-prototypes. The same
 * target is linked with libFuzzer by clang (make fuzz) and with the replay
 * driver fuzz_replay.c by the ordinary compiler (make check).
 */
#ifndef UDT_TESTS_FUZZ_H
#define UDT_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
