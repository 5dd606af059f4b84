/* The shared vectors in tests/vectors/ through the C interface, exactly as the Rust suite
 * runs them: normalize.jsonl and neologdn.jsonl (a normaliser built from the vector's
 * options and preset), entities.jsonl (kinds, texts and char spans), japan_holidays.csv
 * (every holiday of 2000–2030). Usage:
 *   test_vectors DIR   (DIR holds the .jsonl files) */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

/* Calls `each` with every line of `dir/name` parsed as JSON; returns the number of lines. */
static int each_vector(const char *dir, const char *name, void (*each)(const cJSON *)) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *file = fopen(path, "r");
  if (!file) {
    fprintf(stderr, "cannot open %s\n", path);
    check_failures++;
    return 0;
  }
  char *line = NULL;
  size_t capacity = 0;
  int count = 0;
  while (getline(&line, &capacity, file) > 0) {
    cJSON *vector = cJSON_Parse(line);
    CHECK(vector != NULL);
    if (vector) {
      each(vector);
      cJSON_Delete(vector);
      count++;
    }
  }
  free(line);
  fclose(file);
  return count;
}

static const char *string_field(const cJSON *object, const char *name) {
  const cJSON *field = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsString(field) ? field->valuestring : NULL;
}

/* Normalises the vector's input with its options (plus `preset`) and compares. */
static void check_normalization(const cJSON *vector, const char *preset) {
  const char *input = string_field(vector, "input");
  const char *expected = string_field(vector, "expected");
  cJSON *options = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(vector, "options"), 1);
  CHECK(input && expected && options);
  if (!input || !expected || !options) {
    cJSON_Delete(options);
    return;
  }
  cJSON_AddStringToObject(options, "preset", preset);
  char *config = cJSON_PrintUnformatted(options);
  kz_normalizer *normalizer = NULL;
  CHECK_OK(kz_normalizer_from_config(TEXT(config), &normalizer));
  char *out = NULL;
  size_t len = 0;
  CHECK_OK(kz_normalize(normalizer, TEXT(input), &out, &len));
  if (!out || len != strlen(expected) || memcmp(out, expected, len) != 0) {
    fprintf(stderr, "[%s %s] %s: expected \"%s\", got \"%s\"\n", preset, config, input, expected,
            out ? out : "(null)");
    check_failures++;
  }
  kz_string_free(out);
  kz_normalizer_free(normalizer);
  cJSON_free(config);
  cJSON_Delete(options);
}

static void normalize_vector(const cJSON *vector) {
  const char *preset = string_field(vector, "preset");
  CHECK(preset != NULL);
  if (preset) check_normalization(vector, preset);
}

static void neologdn_vector(const cJSON *vector) { check_normalization(vector, "neologdn"); }

/* Compares the entities found with the expected list: kind, text and char span. */
static void entity_vector(const cJSON *vector) {
  const char *input = string_field(vector, "input");
  const cJSON *expected = cJSON_GetObjectItemCaseSensitive(vector, "entities");
  CHECK(input && cJSON_IsArray(expected));
  if (!input || !cJSON_IsArray(expected)) return;
  char *json = NULL;
  CHECK_OK(kz_entities_json(TEXT(input), &json, NULL));
  cJSON *found = json ? cJSON_Parse(json) : NULL;
  int same = cJSON_IsArray(found) && cJSON_GetArraySize(found) == cJSON_GetArraySize(expected);
  for (int i = 0; same && i < cJSON_GetArraySize(expected); i++) {
    const cJSON *want = cJSON_GetArrayItem(expected, i);
    const cJSON *got = cJSON_GetArrayItem(found, i);
    const cJSON *chars = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(got, "original"), "chars");
    const cJSON *span = cJSON_GetObjectItemCaseSensitive(want, "chars");
    const char *want_kind = string_field(want, "kind"), *got_kind = string_field(got, "kind");
    const char *want_text = string_field(want, "text"), *got_text = string_field(got, "text");
    same = want_kind && got_kind && strcmp(want_kind, got_kind) == 0 && want_text && got_text &&
           strcmp(want_text, got_text) == 0 && cJSON_GetArraySize(span) == 2 &&
           cJSON_GetObjectItemCaseSensitive(chars, "start") &&
           cJSON_GetObjectItemCaseSensitive(chars, "start")->valuedouble ==
               cJSON_GetArrayItem(span, 0)->valuedouble &&
           cJSON_GetObjectItemCaseSensitive(chars, "end") &&
           cJSON_GetObjectItemCaseSensitive(chars, "end")->valuedouble ==
               cJSON_GetArrayItem(span, 1)->valuedouble;
  }
  if (!same) {
    fprintf(stderr, "entities of \"%s\": got %s\n", input, json ? json : "(null)");
    check_failures++;
  }
  cJSON_Delete(found);
  kz_string_free(json);
}

/* Every Japanese holiday of 2000–2030 (japan_holidays.csv: `date,name` lines) against
 * kz_japanese_holidays_json, both ways. Returns the number of holidays read. */
static int check_japanese_holidays(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/japan_holidays.csv", dir);
  FILE *file = fopen(path, "r");
  CHECK(file != NULL);
  if (!file) return 0;
  char *json = NULL;
  CHECK_OK(kz_japanese_holidays_json(2000, 2030, &json, NULL));
  cJSON *days = json ? cJSON_Parse(json) : NULL;
  CHECK(cJSON_IsArray(days));
  char *line = NULL;
  size_t capacity = 0;
  int count = 0;
  while (getline(&line, &capacity, file) > 0) {
    if (strncmp(line, "date,", 5) == 0) continue;
    line[strcspn(line, "\r\n")] = '\0';
    char *comma = strchr(line, ',');
    if (!comma) continue;
    *comma = '\0';
    const cJSON *day = cJSON_GetArrayItem(days, count);
    const char *date = string_field(day, "date"), *name = string_field(day, "name_ja");
    const char *kind = string_field(day, "kind"), *reference = comma + 1;
    /* The reference writes a substitute day as "<holiday> 振替休日". */
    static const char substitute[] = "振替休日";
    size_t ref_len = strlen(reference), sub_len = strlen(substitute);
    int same_name = kind && strcmp(kind, "substitute") == 0
                        ? ref_len >= sub_len && strcmp(reference + ref_len - sub_len, substitute) == 0
                        : name && strcmp(name, reference) == 0;
    if (!date || !name || strcmp(date, line) != 0 || !same_name) {
      fprintf(stderr, "holiday %d: expected %s %s, got %s %s\n", count, line, comma + 1,
              date ? date : "-", name ? name : "-");
      check_failures++;
    }
    count++;
  }
  CHECK(count == cJSON_GetArraySize(days));
  free(line);
  fclose(file);
  cJSON_Delete(days);
  kz_string_free(json);
  return count;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s VECTORS_DIR\n", argv[0]);
    return 2;
  }
  int normalize = each_vector(argv[1], "normalize.jsonl", normalize_vector);
  int neologdn = each_vector(argv[1], "neologdn.jsonl", neologdn_vector);
  int entities = each_vector(argv[1], "entities.jsonl", entity_vector);
  int holidays = check_japanese_holidays(argv[1]);
  printf("vectors: %d normalize, %d neologdn, %d entities, %d holidays\n", normalize, neologdn,
         entities, holidays);
  /* The files are committed with at least these many cases; fewer means a broken read. */
  CHECK(normalize >= 80 && neologdn > 1000 && entities >= 40 && holidays > 500);
  return check_report("test_vectors");
}
