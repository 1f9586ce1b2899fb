// std::string of every length from 0 to 40 (across libstdc++'s 15-character
// small-string limit) held across suspends, moved and swapped between frame
// locals, appended to until they leave the small buffer and shrunk back.
#include "diff.h"
#include <string>
#include <utility>
using namespace diff;

__attribute__((noinline)) Generator<uint64_t> body(int len) {
  std::string a(static_cast<std::size_t>(len), 'a');
  std::string b = "b";
  co_yield mix_bytes(0, a.data(), a.size());
  std::swap(a, b); // small <-> maybe large
  co_yield mix_bytes(1, a.data(), a.size()) ^ mix_bytes(2, b.data(), b.size());
  std::string c = std::move(b); // b is left valid but unspecified; reassign it
  b = "again";
  co_yield mix_bytes(3, c.data(), c.size()) + b.size();
  for (int i = 0; i < 20; ++i) {
    c.push_back(static_cast<char>('0' + i % 10));
    if (i % 4 == 3)
      co_yield mix_bytes(4, c.data(), c.size());
  }
  c.resize(static_cast<std::size_t>(len % 7));
  c.shrink_to_fit();
  co_yield mix_bytes(5, c.data(), c.size());
  const char *cdata = c.data();
  co_yield c.size();
  CHECK(c.data() == cdata);
}

int main() {
  uint64_t h = 0;
  for (int len = 0; len <= 40; ++len) {
    Generator<uint64_t> g = body(len);
    while (g.next())
      h = mix(h, g.value());
    if (len % 8 == 0)
      std::printf("len %d hash %016llx\n", len, (unsigned long long)h);
  }
  std::printf("hash %016llx\n", (unsigned long long)h);
  return finish();
}
