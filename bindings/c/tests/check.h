/* A minimal test harness for the C suites: CHECK counts failures and goes on, so one run
 * reports every broken expectation. */
#ifndef KIZUNA_TEST_CHECK_H
#define KIZUNA_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "kizuna.h"

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond)                                                                  \
  do {                                                                               \
    check_count++;                                                                   \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);        \
      check_failures++;                                                              \
    }                                                                                \
  } while (0)

/* The call returns `expected`; on a mismatch the library's own message is printed. */
#define CHECK_STATUS(call, expected)                                                 \
  do {                                                                               \
    kz_status check_status_ = (call);                                                \
    check_count++;                                                                   \
    if (check_status_ != (expected)) {                                               \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s (%s)\n", __FILE__,          \
              __LINE__, #call, kz_status_name((int32_t)check_status_),               \
              kz_status_name((int32_t)(expected)), kz_last_error_message());         \
      check_failures++;                                                              \
    }                                                                                \
  } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, KZ_STATUS_OK)

/* A NUL-terminated literal as the (bytes, length) pair the library takes. */
#define TEXT(s) (const uint8_t *)(s), strlen(s)

static int check_report(const char *suite) {
  if (check_failures) {
    fprintf(stderr, "%s: %d of %d checks failed\n", suite, check_failures, check_count);
    return 1;
  }
  printf("%s: all %d checks passed\n", suite, check_count);
  return 0;
}

#endif
