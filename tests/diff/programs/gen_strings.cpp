// Generators of std::string: short (SSO, the string points into itself) and
// long strings, string_views into locals, all held across yields.
#include "diff.h"
#include <string>
#include <string_view>
using namespace diff;

__attribute__((noinline)) Generator<std::string> words(int n) {
  std::string sso = "ab";           // stays in the small buffer
  std::string big(100, 'x');        // on the heap
  std::string_view view = sso;      // points into the frame
  std::string_view bigview = big;   // points into the heap block
  for (int i = 0; i < n; ++i) {
    sso.push_back(static_cast<char>('a' + i % 26));
    if (sso.size() > 12)
      sso.erase(0, 5);
    view = sso;
    big[static_cast<std::size_t>(i) % big.size()] = static_cast<char>('A' + i % 26);
    co_yield std::string(view) + "|" + std::string(bigview.substr(static_cast<std::size_t>(i) % 90, 10));
    CHECK(view.data() == sso.data() && view.size() == sso.size());
    CHECK(bigview.data() == big.data());
  }
  co_yield sso + big;
}

__attribute__((noinline)) Generator<std::string_view> pieces(std::string_view text) {
  char local[64];
  std::size_t n = text.size() < sizeof local ? text.size() : sizeof local;
  std::memcpy(local, text.data(), n);
  std::string_view all(local, n);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= all.size(); ++i) {
    if (i == all.size() || all[i] == ' ') {
      if (i > start)
        co_yield all.substr(start, i - start);
      start = i + 1;
    }
  }
}

int main() {
  uint64_t h = 0;
  Generator<std::string> g = words(40);
  int n = 0;
  while (g.next()) {
    const std::string &s = g.value();
    h = mix_bytes(h, s.data(), s.size());
    if (n % 8 == 0)
      std::printf("%2d %s\n", n, s.c_str());
    ++n;
  }
  std::printf("words %d hash %016llx\n", n, (unsigned long long)h);
  Generator<std::string_view> p = pieces(opaque<std::string_view>("the quick  brown fox jumps over the lazy dog"));
  std::string joined;
  while (p.next()) {
    joined += std::string(p.value());
    joined += ',';
  }
  std::printf("pieces %s\n", joined.c_str());
  CHECK(joined == "the,quick,brown,fox,jumps,over,the,lazy,dog,");
  return finish();
}
