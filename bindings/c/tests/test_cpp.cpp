// The header from C++17: it compiles, links (extern "C" names) and works with C++ strings.
#include <kizuna.h>

#include <cstdio>
#include <string>

int main() {
  kz_normalizer *search = nullptr;
  if (kz_normalizer_new(KZ_PRESET_SEARCH, &search) != KZ_STATUS_OK) return 1;
  const std::string post = "ＡＢＣ ｗｗｗｗ";
  char *out = nullptr;
  size_t len = 0;
  kz_status status = kz_normalize(search, reinterpret_cast<const uint8_t *>(post.data()),
                                  post.size(), &out, &len);
  const bool ok = status == KZ_STATUS_OK && std::string(out, len) == "abc ww" &&
                  kz_abi_version() == KZ_ABI_VERSION;
  kz_string_free(out);
  kz_normalizer_free(search);
  std::printf("test_cpp: %s\n", ok ? "passed" : "FAILED");
  return ok ? 0 : 1;
}
