/* Every function of the C interface, its results and its error paths. Built with
 * -std=c11 -Wall -Wextra -Werror -pedantic and run plain, under valgrind and under
 * AddressSanitizer + UndefinedBehaviorSanitizer by bindings/c/tests/run.sh. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

/* A pointer value no call returns, to see out-parameters reset on failure. */
#define STALE ((void *)&check_count)

static const char *INVALID_UTF8 = "ok \xff\xfe not UTF-8";

/* 2026-11-20 17:00 JST (a Friday), 2026-11-23 10:00 JST (勤労感謝の日, a Monday),
 * 2026-11-24 10:00 JST (a Tuesday), 2100-01-02 (past the Japan calendar's years). */
static const int64_t FRI_1700 = 1795161600;
static const int64_t HOLIDAY_1000 = 1795395600;
static const int64_t TUE_1000 = 1795482000;
static const int64_t YEAR_2100 = 4102498800;

/* A text of at least `size` bytes: Japanese and English posts repeated. */
static char *big_text(size_t size, size_t *len) {
  static const char *piece =
      "@sora_air 羽田の搭乗口に誰もいない…ｗｗｗ https://sora.example/x "
      "flight SA123 delayed 3 hours!!!! 😡 #ソラ航空\n";
  size_t piece_len = strlen(piece);
  size_t count = size / piece_len + 1;
  char *text = malloc(count * piece_len + 1);
  if (!text) return NULL;
  for (size_t i = 0; i < count; i++) memcpy(text + i * piece_len, piece, piece_len);
  text[count * piece_len] = '\0';
  *len = count * piece_len;
  return text;
}

static void test_version_and_errors(void) {
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", KZ_VERSION_MAJOR, KZ_VERSION_MINOR,
           KZ_VERSION_PATCH);
  CHECK(strcmp(kz_version(), expected) == 0);
  CHECK(kz_abi_version() == KZ_ABI_VERSION);
  CHECK(strcmp(kz_status_name(KZ_STATUS_OK), "KZ_STATUS_OK") == 0);
  CHECK(strcmp(kz_status_name(KZ_STATUS_PANIC), "KZ_STATUS_PANIC") == 0);
  CHECK(strcmp(kz_status_name(-1), "KZ_STATUS_UNKNOWN") == 0);
  CHECK(strcmp(kz_status_name(99), "KZ_STATUS_UNKNOWN") == 0);
  CHECK(kz_last_error_message() != NULL);
  kz_string_free(NULL);
}

static void test_normalizer(void) {
  kz_normalizer *search = NULL, *neologdn = NULL, *display = NULL, *bad = STALE;
  CHECK_OK(kz_normalizer_new(KZ_PRESET_SEARCH, &search));
  CHECK_OK(kz_normalizer_new(KZ_PRESET_NEOLOGDN, &neologdn));
  CHECK_OK(kz_normalizer_new(KZ_PRESET_DISPLAY, &display));
  CHECK_STATUS(kz_normalizer_new(3, &bad), KZ_STATUS_INVALID_ARGUMENT);
  CHECK(bad == NULL);
  CHECK(strstr(kz_last_error_message(), "preset 3") != NULL);
  CHECK_STATUS(kz_normalizer_new(UINT32_MAX, &bad), KZ_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kz_normalizer_new(KZ_PRESET_SEARCH, NULL), KZ_STATUS_NULL_POINTER);

  char *out = NULL;
  size_t len = 99;
  CHECK_OK(kz_normalize(search, TEXT("ＡＢＣ１２３ ｗｗｗｗ"), &out, &len));
  CHECK(out && strcmp(out, "abc123 ww") == 0);
  CHECK(len == 9);
  CHECK(strcmp(kz_last_error_message(), "") == 0);
  kz_string_free(out);

  CHECK_OK(kz_normalize(neologdn, TEXT("ﾊﾝｶｸｶﾅ　ｽﾍﾟｰｽ"), &out, NULL));
  CHECK(out && strcmp(out, "ハンカクカナスペース") == 0);
  kz_string_free(out);

  /* Empty text: NULL with length 0 is the empty string. */
  CHECK_OK(kz_normalize(display, NULL, 0, &out, &len));
  CHECK(out && out[0] == '\0' && len == 0);
  kz_string_free(out);

  /* A NUL inside the text is data, not the end. */
  CHECK_OK(kz_normalize(neologdn, (const uint8_t *)"ab\0cd", 5, &out, &len));
  CHECK(out != NULL && len >= 4);
  kz_string_free(out);

  out = STALE;
  len = 7;
  CHECK_STATUS(kz_normalize(search, TEXT(INVALID_UTF8), &out, &len), KZ_STATUS_INVALID_UTF8);
  CHECK(out == NULL && len == 0);
  CHECK(strstr(kz_last_error_message(), "UTF-8") != NULL);
  CHECK_STATUS(kz_normalize(search, NULL, 5, &out, &len), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_normalize(NULL, TEXT("x"), &out, &len), KZ_STATUS_NULL_POINTER);
  CHECK(strstr(kz_last_error_message(), "normalizer") != NULL);
  CHECK_STATUS(kz_normalize(search, TEXT("x"), NULL, &len), KZ_STATUS_NULL_POINTER);

  /* Configs, JSON and TOML, and what they refuse. */
  kz_normalizer *configured = NULL;
  CHECK_OK(kz_normalizer_from_config(TEXT("{\"preset\": \"neologdn\", \"tilde\": \"normalize\"}"),
                                     &configured));
  CHECK_OK(kz_normalize(configured, TEXT("わ〜い"), &out, NULL));
  CHECK(out && strcmp(out, "わ~い") == 0);
  kz_string_free(out);
  kz_normalizer_free(configured);
  CHECK_OK(kz_normalizer_from_config(TEXT("preset = \"search\"\nrepeat_limit = 3\n"), &configured));
  CHECK_OK(kz_normalize(configured, TEXT("ｗｗｗｗｗ"), &out, NULL));
  CHECK(out && strcmp(out, "www") == 0);
  kz_string_free(out);
  kz_normalizer_free(configured);
  configured = STALE;
  CHECK_STATUS(kz_normalizer_from_config(TEXT("{\"preset\": \"loud\"}"), &configured),
               KZ_STATUS_CONFIG);
  CHECK(configured == NULL);
  CHECK_STATUS(kz_normalizer_from_config(TEXT("{\"repaet\": 2}"), &configured), KZ_STATUS_CONFIG);
  CHECK(strstr(kz_last_error_message(), "repaet") != NULL);
  CHECK_STATUS(kz_normalizer_from_config(TEXT("preset = "), &configured), KZ_STATUS_CONFIG);
  CHECK_STATUS(kz_normalizer_from_config(TEXT(INVALID_UTF8), &configured), KZ_STATUS_INVALID_UTF8);
  CHECK_STATUS(kz_normalizer_from_config(NULL, 3, &configured), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_normalizer_from_config(TEXT("{}"), NULL), KZ_STATUS_NULL_POINTER);

  /* JSON results. */
  CHECK_OK(kz_normalize_json(search, TEXT("@sora_air ﾍﾙﾌﾟ"), &out, &len));
  CHECK(out && strstr(out, "\"text\":\"@sora_air へるぷ\"") != NULL);
  CHECK(out && strstr(out, "\"kind\":\"mention\"") != NULL);
  CHECK(out && len == strlen(out));
  kz_string_free(out);
  CHECK_STATUS(kz_normalize_json(NULL, TEXT("x"), &out, &len), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_normalize_json(search, TEXT(INVALID_UTF8), &out, &len), KZ_STATUS_INVALID_UTF8);
  CHECK(out == NULL);

  CHECK_OK(kz_entities_json(TEXT("@sora_air 欠航？😭 #拡散希望 https://sora.example/info"), &out, NULL));
  CHECK(out && strstr(out, "\"kind\":\"mention\"") && strstr(out, "\"kind\":\"emoji\"") &&
        strstr(out, "\"kind\":\"hashtag\"") && strstr(out, "\"kind\":\"url\""));
  kz_string_free(out);
  CHECK_OK(kz_entities_json(NULL, 0, &out, &len));
  CHECK(out && strcmp(out, "[]") == 0 && len == 2);
  kz_string_free(out);
  CHECK_STATUS(kz_entities_json(TEXT(INVALID_UTF8), &out, NULL), KZ_STATUS_INVALID_UTF8);
  CHECK_STATUS(kz_entities_json(TEXT("x"), NULL, NULL), KZ_STATUS_NULL_POINTER);

  /* 10 MB in one call. */
  size_t big_len = 0;
  char *big = big_text(10u << 20, &big_len);
  CHECK(big != NULL);
  if (big) {
    CHECK_OK(kz_normalize(search, (const uint8_t *)big, big_len, &out, &len));
    CHECK(out != NULL && len > (5u << 20));
    kz_string_free(out);
    free(big);
  }

  kz_normalizer_free(search);
  kz_normalizer_free(neologdn);
  kz_normalizer_free(display);
  kz_normalizer_free(NULL);
}

static void test_classifier(void) {
  kz_classifier *classifier = NULL;
  CHECK_OK(kz_classifier_new(&classifier));
  CHECK_STATUS(kz_classifier_new(NULL), KZ_STATUS_NULL_POINTER);

  kz_classification c;
  const char *ja = "@sora_air 欠航って本当？返金はどうなりますか";
  CHECK_OK(kz_classify(classifier, TEXT(ja), NULL, &c));
  CHECK(c.language == KZ_LANGUAGE_JA);
  CHECK(c.intents & KZ_INTENT_QUESTION);
  CHECK(c.needs_reply);

  const char *en = "Flight delayed again and nobody at the desk. Worst airline ever!!!";
  CHECK_OK(kz_classify(classifier, TEXT(en), NULL, &c));
  CHECK(c.language == KZ_LANGUAGE_EN);
  CHECK(c.sentiment == KZ_SENTIMENT_NEGATIVE);
  CHECK(c.sentiment_score < 0.0 && c.sentiment_score >= -1.0);
  CHECK(c.intents & KZ_INTENT_COMPLAINT);
  CHECK(c.needs_reply);
  CHECK(c.flame_risk >= 0.0 && c.flame_risk <= 1.0);

  CHECK_OK(kz_classify(classifier, TEXT("Thank you so much, the crew were wonderful!"), NULL, &c));
  CHECK(c.sentiment == KZ_SENTIMENT_POSITIVE);
  CHECK(c.intents & KZ_INTENT_PRAISE);

  /* Context: a widely shared post from a big account carries flame risk. */
  kz_classification quiet, loud;
  kz_context context;
  memset(&context, 0, sizeof context);
  CHECK_OK(kz_classify(classifier, TEXT(en), &context, &quiet));
  context.has_followers = true;
  context.followers = 250000.0;
  context.has_shares = true;
  context.shares = 4000.0;
  context.brands = (const uint8_t *)"Sora Air\n@sora_air\n";
  context.brands_len = strlen("Sora Air\n@sora_air\n");
  CHECK_OK(kz_classify(classifier, TEXT(en), &context, &loud));
  CHECK(loud.flame_risk > quiet.flame_risk);

  /* Bad context counts and bad text are refused, and the result is reset. */
  context.followers = -1.0;
  memset(&c, 0xAB, sizeof c);
  CHECK_STATUS(kz_classify(classifier, TEXT(en), &context, &c), KZ_STATUS_OUT_OF_RANGE);
  CHECK(strstr(kz_last_error_message(), "followers") != NULL);
  CHECK(c.intents == 0 && c.language == KZ_LANGUAGE_UNKNOWN && !c.needs_reply);
  context.followers = NAN;
  CHECK_STATUS(kz_classify(classifier, TEXT(en), &context, &c), KZ_STATUS_OUT_OF_RANGE);
  context.has_followers = false; /* an unknown count is not read */
  CHECK_OK(kz_classify(classifier, TEXT(en), &context, &c));
  context.shares = INFINITY;
  CHECK_STATUS(kz_classify(classifier, TEXT(en), &context, &c), KZ_STATUS_OUT_OF_RANGE);
  context.has_shares = false;
  context.brands = (const uint8_t *)INVALID_UTF8;
  context.brands_len = strlen(INVALID_UTF8);
  CHECK_STATUS(kz_classify(classifier, TEXT(en), &context, &c), KZ_STATUS_INVALID_UTF8);
  context.brands = NULL;
  CHECK_STATUS(kz_classify(classifier, TEXT(en), &context, &c), KZ_STATUS_NULL_POINTER);
  context.brands_len = 0;
  CHECK_OK(kz_classify(classifier, TEXT(en), &context, &c));
  CHECK_STATUS(kz_classify(classifier, TEXT(INVALID_UTF8), NULL, &c), KZ_STATUS_INVALID_UTF8);
  CHECK_STATUS(kz_classify(NULL, TEXT(en), NULL, &c), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_classify(classifier, TEXT(en), NULL, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_OK(kz_classify(classifier, NULL, 0, NULL, &c));
  CHECK(c.language == KZ_LANGUAGE_UNKNOWN && c.intents == KZ_INTENT_OTHER);

  /* JSON with evidence, spans in the original text. */
  char *json = NULL;
  size_t len = 0;
  CHECK_OK(kz_classify_json(classifier, TEXT("not good"), NULL, &json, &len));
  CHECK(json && strstr(json, "\"evidence\"") && strstr(json, "\"term\":\"good\""));
  CHECK(json && strstr(json, "\"chars\":{\"start\":4,\"end\":8}"));
  CHECK(json && len == strlen(json));
  kz_string_free(json);
  json = STALE;
  CHECK_STATUS(kz_classify_json(classifier, TEXT(INVALID_UTF8), NULL, &json, &len),
               KZ_STATUS_INVALID_UTF8);
  CHECK(json == NULL && len == 0);
  CHECK_STATUS(kz_classify_json(NULL, TEXT("x"), NULL, &json, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_classify_json(classifier, TEXT("x"), NULL, NULL, NULL), KZ_STATUS_NULL_POINTER);

  /* Configs: brands, rules; broken ones name what is wrong. */
  kz_classifier *custom = NULL;
  const char *config =
      "brands = [\"United\"]\n"
      "[[rules]]\nname = \"refund\"\npattern = \"refund\"\nkind = \"intent\"\nvalue = \"complaint\"\n";
  kz_status s = kz_classifier_from_config(TEXT(config), &custom);
  if (s != KZ_STATUS_OK) fprintf(stderr, "custom classifier: %s\n", kz_last_error_message());
  CHECK(s == KZ_STATUS_OK);
  if (custom) {
    CHECK_OK(kz_classify_json(custom, TEXT("@United where is my refund"), NULL, &json, NULL));
    CHECK(json && strstr(json, "\"complaint\""));
    kz_string_free(json);
    kz_classifier_free(custom);
  }
  custom = STALE;
  CHECK_STATUS(kz_classifier_from_config(TEXT("{\"brand\": []}"), &custom), KZ_STATUS_CONFIG);
  CHECK(custom == NULL);
  CHECK_STATUS(kz_classifier_from_config(
                   TEXT("[[rules]]\nname = \"x\"\npattern = \"(\"\nkind = \"intent\"\nvalue = \"spam\"\n"),
                   &custom),
               KZ_STATUS_CONFIG);
  CHECK(strstr(kz_last_error_message(), "x") != NULL);
  CHECK_STATUS(kz_classifier_from_config(TEXT("lexicons = [\"/nonexistent/kizuna.tsv\"]"), &custom),
               KZ_STATUS_CONFIG);
  /* A vocabulary shipped but not built in, by name. */
  s = kz_classifier_from_config(TEXT("vocabularies = [\"japanese_general\"]"), &custom);
  CHECK(s == KZ_STATUS_OK);
  if (s == KZ_STATUS_OK) {
    CHECK_OK(kz_classify_json(custom, TEXT("対応に呆れた"), NULL, &json, NULL));
    CHECK(json && strstr(json, "\"sentiment\":\"negative\""));
    kz_string_free(json);
    kz_classifier_free(custom);
  }
  CHECK_STATUS(kz_classifier_from_config(TEXT("vocabularies = [\"klingon\"]"), &custom),
               KZ_STATUS_CONFIG);
  CHECK(strstr(kz_last_error_message(), "japanese_general") != NULL);
  CHECK_STATUS(kz_classifier_from_config(TEXT(INVALID_UTF8), &custom), KZ_STATUS_INVALID_UTF8);
  CHECK_STATUS(kz_classifier_from_config(TEXT("{}"), NULL), KZ_STATUS_NULL_POINTER);

  /* 10 MB in one call. */
  size_t big_len = 0;
  char *big = big_text(10u << 20, &big_len);
  CHECK(big != NULL);
  if (big) {
    CHECK_OK(kz_classify(classifier, (const uint8_t *)big, big_len, NULL, &c));
    CHECK(c.language != KZ_LANGUAGE_UNKNOWN);
    free(big);
  }

  kz_classifier_free(classifier);
  kz_classifier_free(NULL);
}

/* Several threads share one classifier; each must see what one thread alone sees, and its
 * own error message. */
#define THREADS 4
#define POSTS 6
static const char *thread_posts[POSTS] = {
    "@sora_air 欠航って本当？", "Flight delayed again, worst airline ever",
    "ありがとうございました！最高の対応でした", "Can't log in to the app, it keeps crashing",
    "解約します。もう使わない", "Follow me for free followers F4F",
};
static kz_classification thread_expected[POSTS];
struct thread_job {
  const kz_classifier *classifier;
  int index;
  int mismatches;
};

static void *classify_in_thread(void *arg) {
  struct thread_job *job = arg;
  for (int round = 0; round < 50; round++) {
    for (int i = 0; i < POSTS; i++) {
      kz_classification c;
      if (kz_classify(job->classifier, TEXT(thread_posts[i]), NULL, &c) != KZ_STATUS_OK ||
          c.sentiment_score != thread_expected[i].sentiment_score ||
          c.intents != thread_expected[i].intents || c.urgency != thread_expected[i].urgency)
        job->mismatches++;
    }
    /* An error on this thread is this thread's message only. */
    kz_normalizer *n = NULL;
    if (kz_normalizer_new((uint32_t)(100 + job->index), &n) != KZ_STATUS_INVALID_ARGUMENT)
      job->mismatches++;
    char expected[32];
    snprintf(expected, sizeof expected, "preset %d ", 100 + job->index);
    if (!strstr(kz_last_error_message(), expected)) job->mismatches++;
  }
  return NULL;
}

static void test_threads(void) {
  kz_classifier *classifier = NULL;
  CHECK_OK(kz_classifier_new(&classifier));
  for (int i = 0; i < POSTS; i++)
    CHECK_OK(kz_classify(classifier, TEXT(thread_posts[i]), NULL, &thread_expected[i]));
  pthread_t threads[THREADS];
  struct thread_job jobs[THREADS];
  for (int t = 0; t < THREADS; t++) {
    jobs[t].classifier = classifier;
    jobs[t].index = t;
    jobs[t].mismatches = 0;
    CHECK(pthread_create(&threads[t], NULL, classify_in_thread, &jobs[t]) == 0);
  }
  for (int t = 0; t < THREADS; t++) {
    CHECK(pthread_join(threads[t], NULL) == 0);
    CHECK(jobs[t].mismatches == 0);
  }
  kz_classifier_free(classifier);
}

static void test_calendar(void) {
  kz_calendar *japan = NULL;
  CHECK_OK(kz_calendar_japan(&japan));
  CHECK_STATUS(kz_calendar_japan(NULL), KZ_STATUS_NULL_POINTER);

  bool open = true;
  CHECK_OK(kz_calendar_is_open(japan, TUE_1000, &open));
  CHECK(open);
  CHECK_OK(kz_calendar_is_open(japan, HOLIDAY_1000, &open));
  CHECK(!open);
  open = true;
  CHECK_STATUS(kz_calendar_is_open(japan, YEAR_2100, &open), KZ_STATUS_OUT_OF_RANGE);
  CHECK(!open);
  CHECK_STATUS(kz_calendar_is_open(japan, INT64_MAX, &open), KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_calendar_is_open(NULL, TUE_1000, &open), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_calendar_is_open(japan, TUE_1000, NULL), KZ_STATUS_NULL_POINTER);

  /* Friday 17:00 to Tuesday 10:00 over a weekend and a Monday holiday: 1 h + 1 h. */
  int64_t seconds = -1;
  CHECK_OK(kz_calendar_business_seconds(japan, FRI_1700, TUE_1000, &seconds));
  CHECK(seconds == 7200);
  CHECK_STATUS(kz_calendar_business_seconds(japan, TUE_1000, FRI_1700, &seconds), KZ_STATUS_ORDER);
  CHECK(seconds == 0);
  CHECK_STATUS(kz_calendar_business_seconds(japan, FRI_1700, YEAR_2100, &seconds),
               KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_calendar_business_seconds(NULL, FRI_1700, TUE_1000, &seconds),
               KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_calendar_business_seconds(japan, FRI_1700, TUE_1000, NULL), KZ_STATUS_NULL_POINTER);

  int64_t due = 0;
  CHECK_OK(kz_calendar_add_business(japan, FRI_1700, 7200, &due));
  CHECK(due == TUE_1000);
  CHECK_STATUS(kz_calendar_add_business(japan, FRI_1700, -60, &due), KZ_STATUS_ORDER);
  CHECK(due == 0);
  CHECK_STATUS(kz_calendar_add_business(japan, FRI_1700, INT64_MAX, &due), KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_calendar_add_business(NULL, FRI_1700, 1, &due), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_calendar_add_business(japan, FRI_1700, 1, NULL), KZ_STATUS_NULL_POINTER);

  /* Configs. */
  kz_calendar *ny = NULL;
  CHECK_OK(kz_calendar_from_config(
      TEXT("{\"time_zone\": \"America/New_York\", \"hours\": {\"mon-fri\": \"09:00-17:00\"},"
           " \"holidays\": [{\"date\": \"2026-11-26\", \"name\": \"Thanksgiving\"}],"
           " \"years\": [2026, 2027]}"),
      &ny));
  /* Thursday 2026-11-26 12:00 EST is Thanksgiving: closed. */
  CHECK_OK(kz_calendar_is_open(ny, 1795712400, &open));
  CHECK(!open);
  kz_calendar_free(ny);
  kz_calendar *tokyo = NULL;
  CHECK_OK(kz_calendar_from_config(
      TEXT("time_zone = \"Asia/Tokyo\"\njapanese_holidays = true\n[hours]\nmon-fri = \"09:00-18:00\"\n"),
      &tokyo));
  CHECK_OK(kz_calendar_business_seconds(tokyo, FRI_1700, TUE_1000, &seconds));
  CHECK(seconds == 7200);
  kz_calendar_free(tokyo);
  kz_calendar *bad = STALE;
  CHECK_STATUS(kz_calendar_from_config(TEXT("{\"time_zone\": \"Asia/Nowhere\"}"), &bad),
               KZ_STATUS_TIME_ZONE);
  CHECK(bad == NULL);
  CHECK_STATUS(
      kz_calendar_from_config(TEXT("{\"time_zone\": \"UTC\", \"hours\": {\"mon\": \"18:00-09:00\"}}"), &bad),
      KZ_STATUS_HOURS);
  CHECK_STATUS(
      kz_calendar_from_config(TEXT("{\"time_zone\": \"UTC\", \"hours\": {\"mun\": \"09:00-17:00\"}}"), &bad),
      KZ_STATUS_HOURS);
  CHECK_STATUS(kz_calendar_from_config(TEXT("{\"time_zone\": \"UTC\", \"hour\": {}}"), &bad),
               KZ_STATUS_CONFIG);
  CHECK_STATUS(kz_calendar_from_config(TEXT("{\"time_zone\": \"UTC\", \"years\": [2030, 2020]}"), &bad),
               KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_calendar_from_config(NULL, 0, &bad), KZ_STATUS_CONFIG); /* no time zone */
  CHECK_STATUS(kz_calendar_from_config(TEXT("{}"), NULL), KZ_STATUS_NULL_POINTER);

  /* Holidays. */
  char *json = NULL;
  size_t len = 0;
  CHECK_OK(kz_japanese_holidays_json(2026, 2026, &json, &len));
  CHECK(json && strstr(json, "勤労感謝の日") && strstr(json, "\"2026-09-22\""));
  CHECK(json && len == strlen(json));
  kz_string_free(json);
  CHECK_STATUS(kz_japanese_holidays_json(1900, 1900, &json, &len), KZ_STATUS_OUT_OF_RANGE);
  CHECK(json == NULL && len == 0);
  CHECK_STATUS(kz_japanese_holidays_json(2027, 2026, &json, NULL), KZ_STATUS_ORDER);
  CHECK_STATUS(kz_japanese_holidays_json(40000, 40000, &json, NULL), KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_japanese_holidays_json(2026, 2026, NULL, NULL), KZ_STATUS_NULL_POINTER);

  kz_calendar_free(japan);
  kz_calendar_free(NULL);
}

static const char *POLICY =
    "{\"rules\": [{\"name\": \"urgent\", \"when\": {\"urgency\": [\"high\"]},"
    " \"first_reply\": {\"within\": \"30m\"}},"
    " {\"name\": \"default\", \"first_reply\": {\"within\": \"1h\", \"clock\": \"business\"}}]}";

static const char *EVENTS =
    "{\"id\": \"1\", \"created_at\": \"2026-11-24T01:00:00Z\", \"author_id\": \"taro\"}\n"
    "{\"id\": \"2\", \"created_at\": \"2026-11-24T01:20:00Z\", \"author_id\": \"sora_air\","
    " \"is_brand\": true, \"in_reply_to\": \"1\"}\n"
    "{\"id\": \"3\", \"created_at\": \"2026-11-24T02:00:00Z\", \"author_id\": \"jiro\","
    " \"tags\": {\"urgency\": \"high\"}}\n"
    "{\"id\": \"3\", \"created_at\": \"2026-11-24T02:01:00Z\", \"author_id\": \"jiro\"}\n";

/* 10 MB through every entry point that takes text or documents. */
static void test_big_inputs(void) {
  size_t big_len = 0;
  char *big = big_text(10u << 20, &big_len);
  CHECK(big != NULL);
  if (!big) return;
  kz_normalizer *search = NULL;
  kz_classifier *classifier = NULL;
  CHECK_OK(kz_normalizer_new(KZ_PRESET_SEARCH, &search));
  CHECK_OK(kz_classifier_new(&classifier));
  char *json = NULL;
  size_t len = 0;
  CHECK_OK(kz_normalize_json(search, (const uint8_t *)big, big_len, &json, &len));
  CHECK(json != NULL && len > big_len / 2);
  kz_string_free(json);
  CHECK_OK(kz_entities_json((const uint8_t *)big, big_len, &json, &len));
  CHECK(json != NULL && strstr(json, "\"kind\":\"hashtag\""));
  kz_string_free(json);
  CHECK_OK(kz_classify_json(classifier, (const uint8_t *)big, big_len, NULL, &json, &len));
  CHECK(json != NULL && strstr(json, "\"evidence\""));
  kz_string_free(json);

  /* 10 MB of events: 120,000 customer posts, every one its own thread. */
  size_t events_cap = 12u << 20, events_len = 0;
  char *events = malloc(events_cap);
  CHECK(events != NULL);
  for (int i = 0; events && i < 120000; i++)
    events_len += (size_t)snprintf(events + events_len, events_cap - events_len,
                                   "{\"id\": \"%d\", \"created_at\": \"2026-11-24T01:%02d:%02dZ\","
                                   " \"author_id\": \"customer-%d\"}\n",
                                   i, (i / 60) % 60, i % 60, i);
  kz_sla_policy *policy = NULL;
  CHECK_OK(kz_sla_policy_from_config(
      TEXT("{\"rules\": [{\"name\": \"all\", \"first_reply\": {\"within\": \"1h\"}}]}"), &policy));
  if (events && policy) {
    CHECK(events_len > (9u << 20));
    CHECK_OK(kz_sla_score_json(policy, NULL, (const uint8_t *)events, events_len, 1795489200,
                               &json, &len));
    CHECK(json != NULL && strstr(json, "\"threads\":120000"));
    kz_string_free(json);
  }
  /* One 10 MB event: a tag holding the big text. */
  kz_sla_monitor *monitor = NULL;
  CHECK_OK(kz_sla_monitor_new(policy, NULL, &monitor));
  size_t event_len = 0;
  char *event = malloc(big_len + 256);
  CHECK(event != NULL);
  if (event && monitor) {
    /* The big text has no quotes or backslashes, so it is a JSON string as it stands,
     * once its newlines are spaces. */
    for (size_t i = 0; i < big_len; i++)
      if (big[i] == '\n') big[i] = ' ';
    event_len = (size_t)sprintf(event,
                                "{\"id\": \"big\", \"created_at\": \"2026-11-24T01:00:00Z\","
                                " \"author_id\": \"taro\", \"tags\": {\"text\": \"%s\"}}",
                                big);
    CHECK_OK(kz_sla_monitor_push_json(monitor, (const uint8_t *)event, event_len));
  }
  kz_sla_monitor_free(monitor);
  kz_sla_policy_free(policy);
  free(event);
  free(events);
  kz_classifier_free(classifier);
  kz_normalizer_free(search);
  free(big);
}

/* A length no buffer has ((size_t)-1 from a C bug) is refused before anything is read, and
 * every text-taking call refuses NULL with a length. */
static void test_bad_lengths(void) {
  kz_normalizer *search = NULL;
  kz_classifier *classifier = NULL;
  kz_sla_policy *policy = NULL;
  kz_sla_monitor *monitor = NULL;
  CHECK_OK(kz_normalizer_new(KZ_PRESET_SEARCH, &search));
  CHECK_OK(kz_classifier_new(&classifier));
  CHECK_OK(kz_sla_policy_from_config(TEXT("{\"rules\": []}"), &policy));
  CHECK_OK(kz_sla_monitor_new(policy, NULL, &monitor));
  char *out = STALE;
  size_t len = 5;
  kz_classification c;
  const uint8_t *abc = (const uint8_t *)"abc";
  CHECK_STATUS(kz_normalize(search, abc, SIZE_MAX, &out, &len), KZ_STATUS_INVALID_ARGUMENT);
  CHECK(out == NULL && len == 0);
  CHECK_STATUS(kz_normalize_json(search, abc, SIZE_MAX, &out, NULL), KZ_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kz_entities_json(abc, SIZE_MAX, &out, NULL), KZ_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kz_classify(classifier, abc, SIZE_MAX, NULL, &c), KZ_STATUS_INVALID_ARGUMENT);
  kz_normalizer *unmade_normalizer = STALE;
  CHECK_STATUS(kz_normalizer_from_config(abc, SIZE_MAX, &unmade_normalizer), KZ_STATUS_INVALID_ARGUMENT);
  CHECK(unmade_normalizer == NULL);
  CHECK_STATUS(kz_sla_monitor_push_json(monitor, abc, SIZE_MAX), KZ_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kz_sla_score_json(policy, NULL, abc, SIZE_MAX, 0, &out, NULL), KZ_STATUS_INVALID_ARGUMENT);

  CHECK_STATUS(kz_entities_json(NULL, 3, &out, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_normalize_json(search, NULL, 3, &out, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_classify_json(classifier, NULL, 3, NULL, &out, NULL), KZ_STATUS_NULL_POINTER);
  CHECK(out == NULL);
  CHECK_STATUS(kz_sla_score_json(policy, NULL, NULL, 3, 0, &out, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_sla_monitor_push_json(monitor, NULL, 3), KZ_STATUS_NULL_POINTER);
  kz_classifier *unmade = STALE;
  CHECK_STATUS(kz_classifier_from_config(NULL, 3, &unmade), KZ_STATUS_NULL_POINTER);
  CHECK(unmade == NULL);
  /* An empty document is a valid classifier config (the built-in classifier) but not a
   * policy (it has no rules). */
  CHECK_OK(kz_classifier_from_config(NULL, 0, &unmade));
  kz_classifier_free(unmade);
  kz_sla_policy *no_policy = STALE;
  CHECK_STATUS(kz_sla_policy_from_config(NULL, 0, &no_policy), KZ_STATUS_CONFIG);
  CHECK(no_policy == NULL);

  /* Flags in kz_context holding any byte (a struct filled by memset) read as true. */
  kz_context context;
  memset(&context, 0x7F, sizeof context);
  context.followers = 10.0;
  context.shares = 1.0;
  context.brands = NULL;
  context.brands_len = 0;
  CHECK_OK(kz_classify(classifier, TEXT("hello"), &context, &c));

  kz_sla_monitor_free(monitor);
  kz_sla_policy_free(policy);
  kz_classifier_free(classifier);
  kz_normalizer_free(search);
}

static void test_sla(void) {
  kz_sla_policy *policy = NULL, *bad = STALE;
  kz_calendar *japan = NULL;
  CHECK_OK(kz_sla_policy_from_config(TEXT(POLICY), &policy));
  CHECK_OK(kz_calendar_japan(&japan));
  CHECK_STATUS(kz_sla_policy_from_config(TEXT("{\"rulez\": []}"), &bad), KZ_STATUS_CONFIG);
  CHECK(bad == NULL);
  CHECK_STATUS(kz_sla_policy_from_config(
                   TEXT("{\"rules\": [{\"name\": \"x\", \"first_reply\": {\"within\": \"-5m\"}}]}"), &bad),
               KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_sla_policy_from_config(TEXT("{\"rules\": [], \"at_risk\": 2}"), &bad),
               KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_sla_policy_from_config(TEXT(INVALID_UTF8), &bad), KZ_STATUS_INVALID_UTF8);
  CHECK_STATUS(kz_sla_policy_from_config(TEXT("{}"), NULL), KZ_STATUS_NULL_POINTER);

  /* Scoring an export: 2026-11-24 12:00 JST is now; thread 1 answered in 20 business
   * minutes, thread 3 (urgent, 30 calendar minutes) is breached, the duplicate reported. */
  const int64_t now = 1795489200;
  char *json = NULL;
  size_t len = 0;
  CHECK_OK(kz_sla_score_json(policy, japan, TEXT(EVENTS), now, &json, &len));
  CHECK(json && strstr(json, "\"threads\":2"));
  CHECK(json && strstr(json, "\"kind\":\"duplicate_id\""));
  CHECK(json && strstr(json, "\"status\":\"breached\""));
  CHECK(json && strstr(json, "\"achieved\":1"));
  CHECK(json && len == strlen(json));
  kz_string_free(json);
  CHECK_OK(kz_sla_score_json(policy, japan, NULL, 0, now, &json, NULL));
  CHECK(json && strstr(json, "\"threads\":0"));
  kz_string_free(json);
  json = STALE;
  CHECK_STATUS(kz_sla_score_json(policy, japan,
                                 TEXT("{\"id\": \"1\", \"created_at\": \"2026-11-24T01:00:00Z\", \"author_id\": \"a\"}\n"
                                      "{\"id\": \"2\", \"created_at\": \"yesterday\", \"author_id\": \"b\"}\n"),
                                 now, &json, &len),
               KZ_STATUS_PARSE);
  CHECK(json == NULL && len == 0);
  CHECK(strstr(kz_last_error_message(), "line 2") != NULL);
  /* A business-time target needs a calendar. */
  CHECK_STATUS(kz_sla_score_json(policy, NULL, TEXT(EVENTS), now, &json, NULL),
               KZ_STATUS_INVALID_OPTION);
  CHECK_STATUS(kz_sla_score_json(policy, japan, TEXT(EVENTS), INT64_MAX, &json, NULL),
               KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_sla_score_json(NULL, japan, TEXT(EVENTS), now, &json, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_sla_score_json(policy, japan, TEXT(INVALID_UTF8), now, &json, NULL),
               KZ_STATUS_INVALID_UTF8);
  CHECK_STATUS(kz_sla_score_json(policy, japan, TEXT(EVENTS), now, NULL, NULL), KZ_STATUS_NULL_POINTER);

  /* The monitor copies policy and calendar: the handles may go first. */
  kz_sla_monitor *monitor = NULL, *unmade = STALE;
  CHECK_STATUS(kz_sla_monitor_new(NULL, japan, &unmade), KZ_STATUS_NULL_POINTER);
  CHECK(unmade == NULL);
  CHECK_STATUS(kz_sla_monitor_new(policy, japan, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_OK(kz_sla_monitor_new(policy, japan, &monitor));
  kz_sla_policy_free(policy);
  kz_calendar_free(japan);

  const char *line = EVENTS;
  for (int i = 0; i < 3; i++) {
    const char *end = strchr(line, '\n');
    CHECK_OK(kz_sla_monitor_push_json(monitor, (const uint8_t *)line, (size_t)(end - line)));
    line = end + 1;
  }
  CHECK_STATUS(kz_sla_monitor_push_json(monitor, TEXT("{\"id\": \"3\", \"created_at\": \"2026-11-24T02:05:00Z\", \"author_id\": \"jiro\"}")),
               KZ_STATUS_RECORD);
  CHECK(strstr(kz_last_error_message(), "duplicate") != NULL);
  CHECK_STATUS(kz_sla_monitor_push_json(monitor, TEXT("{\"id\": 4}")), KZ_STATUS_PARSE);
  CHECK_STATUS(kz_sla_monitor_push_json(monitor, TEXT(INVALID_UTF8)), KZ_STATUS_INVALID_UTF8);
  CHECK_STATUS(kz_sla_monitor_push_json(monitor, NULL, 0), KZ_STATUS_PARSE);
  CHECK_STATUS(kz_sla_monitor_push_json(NULL, TEXT("{}")), KZ_STATUS_NULL_POINTER);

  size_t count = 0;
  CHECK_OK(kz_sla_monitor_open_threads(monitor, &count));
  CHECK(count == 2);
  CHECK_OK(kz_sla_monitor_due_json(monitor, now, &json, &len));
  CHECK(json && strstr(json, "\"thread\":\"3\"") && strstr(json, "\"status\":\"breached\""));
  CHECK(json && !strstr(json, "\"thread\":\"1\""));
  kz_string_free(json);
  CHECK_STATUS(kz_sla_monitor_due_json(monitor, INT64_MIN, &json, NULL), KZ_STATUS_OUT_OF_RANGE);
  CHECK_STATUS(kz_sla_monitor_due_json(NULL, now, &json, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_sla_monitor_due_json(monitor, now, NULL, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_OK(kz_sla_monitor_settle(monitor, &count));
  CHECK(count == 1);
  CHECK_OK(kz_sla_monitor_open_threads(monitor, &count));
  CHECK(count == 1);
  CHECK_STATUS(kz_sla_monitor_settle(NULL, &count), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_sla_monitor_settle(monitor, NULL), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_sla_monitor_open_threads(NULL, &count), KZ_STATUS_NULL_POINTER);
  CHECK_STATUS(kz_sla_monitor_open_threads(monitor, NULL), KZ_STATUS_NULL_POINTER);
  kz_sla_monitor_free(monitor);
  kz_sla_monitor_free(NULL);
  kz_sla_policy_free(NULL);
}

int main(void) {
  test_version_and_errors();
  test_normalizer();
  test_classifier();
  test_threads();
  test_calendar();
  test_sla();
  test_big_inputs();
  test_bad_lengths();
  return check_report("test_api");
}
