/* crm_queue: reads posts from standard input and prints the ones a care team should answer,
 * most urgent first, as a CRM job would.
 *
 * Input: one post per line, `id<TAB>text` (or just the text: the line number is its id).
 * Output: `id<TAB>urgency<TAB>sentiment<TAB>intents<TAB>text` for each post that needs a
 * reply; a summary on standard error.
 *
 *   crm_queue [--brand NAME]... < posts.tsv
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kizuna.h>

struct queued {
  char *id; /* followed by its text */
  const char *text;
  kz_classification c;
};

static const char *urgency_name(kz_urgency u) {
  return u == KZ_URGENCY_HIGH ? "high" : u == KZ_URGENCY_NORMAL ? "normal" : "low";
}

static const char *sentiment_name(kz_sentiment s) {
  return s == KZ_SENTIMENT_NEGATIVE ? "negative" : s == KZ_SENTIMENT_POSITIVE ? "positive" : "neutral";
}

static void print_intents(uint32_t intents) {
  static const struct { uint32_t bit; const char *name; } names[] = {
      {KZ_INTENT_COMPLAINT, "complaint"}, {KZ_INTENT_QUESTION, "question"},
      {KZ_INTENT_PRAISE, "praise"},       {KZ_INTENT_PURCHASE, "purchase"},
      {KZ_INTENT_OUTAGE, "outage"},       {KZ_INTENT_REQUEST, "request"},
      {KZ_INTENT_CHURN, "churn"},         {KZ_INTENT_SPAM, "spam"},
      {KZ_INTENT_OTHER, "other"},
  };
  const char *sep = "";
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (intents & names[i].bit) {
      printf("%s%s", sep, names[i].name);
      sep = ",";
    }
  }
}

/* Most urgent first; among equals, the most negative first. */
static int by_urgency(const void *a, const void *b) {
  const kz_classification *x = &((const struct queued *)a)->c;
  const kz_classification *y = &((const struct queued *)b)->c;
  if (x->urgency != y->urgency) return (int)y->urgency - (int)x->urgency;
  return (x->sentiment_score > y->sentiment_score) - (x->sentiment_score < y->sentiment_score);
}

static int fail(const char *what, kz_status status) {
  fprintf(stderr, "crm_queue: %s: %s (%s)\n", what, kz_last_error_message(),
          kz_status_name((int32_t)status));
  return 1;
}

int main(int argc, char **argv) {
  if (kz_abi_version() != KZ_ABI_VERSION) {
    fprintf(stderr, "crm_queue: libkizuna %s does not match this build's header\n", kz_version());
    return 1;
  }
  /* Brand names from --brand, one per line, as kz_context wants them. */
  size_t brands_len = 0;
  char *brands = calloc(1, 1);
  if (!brands) return 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--brand") == 0 && i + 1 < argc) {
      size_t add = strlen(argv[++i]);
      char *grown = realloc(brands, brands_len + add + 2);
      if (!grown) return 1;
      brands = grown;
      memcpy(brands + brands_len, argv[i], add);
      brands_len += add;
      brands[brands_len++] = '\n';
      brands[brands_len] = '\0';
    } else {
      fprintf(stderr, "usage: %s [--brand NAME]... < posts.tsv\n", argv[0]);
      return 2;
    }
  }

  kz_classifier *classifier = NULL;
  kz_status status = kz_classifier_new(&classifier);
  if (status != KZ_STATUS_OK) return fail("building the classifier", status);
  kz_context context;
  memset(&context, 0, sizeof context);
  context.brands = (const uint8_t *)brands;
  context.brands_len = brands_len;

  struct queued *queue = NULL;
  size_t queued = 0, capacity = 0, read = 0, rejected = 0;
  char *line = NULL;
  size_t line_capacity = 0;
  ssize_t length;
  while ((length = getline(&line, &line_capacity, stdin)) > 0) {
    read++;
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = '\0';
    char number[32];
    snprintf(number, sizeof number, "%zu", read);
    char *tab = strchr(line, '\t');
    const char *id = tab ? line : number;
    const char *text = tab ? tab + 1 : line;
    if (tab) *tab = '\0';
    kz_classification c;
    status = kz_classify(classifier, (const uint8_t *)text, strlen(text), &context, &c);
    if (status != KZ_STATUS_OK) {
      /* Reported and counted, never dropped silently. */
      fprintf(stderr, "crm_queue: line %zu skipped: %s\n", read, kz_last_error_message());
      rejected++;
      continue;
    }
    if (!c.needs_reply) continue;
    if (queued == capacity) {
      capacity = capacity ? capacity * 2 : 64;
      struct queued *grown = realloc(queue, capacity * sizeof *queue);
      if (!grown) return 1;
      queue = grown;
    }
    /* Keep id and text in one allocation: "id\0text". */
    size_t id_len = strlen(id), text_len = strlen(text);
    char *kept = malloc(id_len + 1 + text_len + 1);
    if (!kept) return 1;
    memcpy(kept, id, id_len + 1);
    memcpy(kept + id_len + 1, text, text_len + 1);
    queue[queued].id = kept;
    queue[queued].text = kept + id_len + 1;
    queue[queued].c = c;
    queued++;
  }
  free(line);

  qsort(queue, queued, sizeof *queue, by_urgency);
  for (size_t i = 0; i < queued; i++) {
    printf("%s\t%s\t%s\t", queue[i].id, urgency_name(queue[i].c.urgency),
           sentiment_name(queue[i].c.sentiment));
    print_intents(queue[i].c.intents);
    printf("\t%s\n", queue[i].text);
    free(queue[i].id);
  }
  fprintf(stderr, "crm_queue: %zu posts read, %zu need a reply, %zu rejected\n", read, queued,
          rejected);
  free(queue);
  free(brands);
  kz_classifier_free(classifier);
  return rejected ? 1 : 0;
}
