// Self-referential locals held across suspends: pointers and string_views
// into local buffers, a struct pointing into itself, SSO std::strings (whose
// data pointer points into the string object), and a cursor walking a buffer
// one suspend at a time.
#include "diff.h"
#include <string>
#include <string_view>
using namespace diff;

struct SelfRef {
  char buf[24];
  char *cur;
  SelfRef() : cur(buf) { std::memset(buf, 0, sizeof buf); }
  SelfRef(const SelfRef &) = delete;
  void put(char c) {
    CHECK(cur >= buf && cur < buf + sizeof buf - 1);
    *cur++ = c;
  }
  std::size_t used() const { return static_cast<std::size_t>(cur - buf); }
};

__attribute__((noinline)) Generator<uint64_t> walker(int n) {
  char text[80];
  for (int i = 0; i < 79; ++i)
    text[i] = static_cast<char>('A' + (i * 7 + n) % 26);
  text[79] = 0;
  const char *p = text;            // walks the buffer across the yields
  const char *end = text + 79;
  std::string_view window(text + 10, 20);
  SelfRef self;
  std::string sso1 = "short";       // SSO: data() points into the object
  std::string sso2(15, 'q');       // the longest SSO string of libstdc++
  std::string heap(16, 'h');       // just past it
  const char *sso1_data = sso1.data();
  uint64_t h = 0;
  while (p < end) {
    h = mix(h, static_cast<uint64_t>(*p));
    self.put(*p);
    if (self.used() == 20)
      self.cur = self.buf;
    p += 3;
    co_yield h;
    CHECK(sso1.data() == sso1_data);
    CHECK(window.data() == text + 10);
    CHECK(self.cur >= self.buf && self.cur <= self.buf + 20);
    if (p < end)
      sso2[static_cast<std::size_t>(p - text) % 15] = *p;
  }
  h = mix_bytes(h, window.data(), window.size());
  h = mix_bytes(h, self.buf, self.used());
  h = mix_bytes(h, sso1.data(), sso1.size());
  h = mix_bytes(h, sso2.data(), sso2.size());
  h = mix_bytes(h, heap.data(), heap.size());
  co_yield h;
}

// A pointer to one of two local buffers, chosen at run time, used after
// suspends; the other buffer is modified in between.
__attribute__((noinline)) Generator<int> chooser(int sel) {
  int left[16], right[16];
  for (int i = 0; i < 16; ++i) {
    left[i] = i;
    right[i] = 100 + i;
  }
  int *pick = opaque(sel) % 2 ? left : right;
  int *other = pick == left ? right : left;
  for (int i = 0; i < 16; ++i) {
    co_yield pick[i];
    other[i] = -1;
    pick[(i + 1) % 16] += 1000;
  }
  int s = 0;
  for (int i = 0; i < 16; ++i)
    s += left[i] + right[i];
  co_yield s;
}

int main() {
  for (int n = 0; n < 3; ++n) {
    Generator<uint64_t> g = walker(n);
    uint64_t last = 0;
    int steps = 0;
    while (g.next()) {
      last = g.value();
      ++steps;
    }
    std::printf("walker %d steps %d last %016llx\n", n, steps, (unsigned long long)last);
  }
  for (int sel = 0; sel < 2; ++sel) {
    Generator<int> g = chooser(sel);
    std::string out;
    while (g.next())
      out += std::to_string(g.value()) + " ";
    std::printf("chooser %d: %s\n", sel, out.c_str());
  }
  return finish();
}
