// Realistic coroutine code for the frame benchmark: a line-echo server and
// a client on standalone asio's C++20 coroutines (asio::awaitable), talking
// over loopback. Built by bench/corpus.py; when run it echoes a few lines
// through 127.0.0.1 and exits.
// asio 1.22 does not detect clang's coroutines with libstdc++: say so.
#define ASIO_HAS_CO_AWAIT 1
#define ASIO_HAS_STD_COROUTINE 1
#include <asio.hpp>
#include <cstdio>
#include <string>

using asio::awaitable;
using asio::ip::tcp;
using asio::use_awaitable;

awaitable<void> session(tcp::socket sock) {
  std::string line;
  char buf[512];
  for (;;) {
    std::size_t n = co_await sock.async_read_some(asio::buffer(buf), use_awaitable);
    line.append(buf, n);
    std::size_t nl;
    while ((nl = line.find('\n')) != std::string::npos) {
      std::string reply = "echo: " + line.substr(0, nl + 1);
      co_await asio::async_write(sock, asio::buffer(reply), use_awaitable);
      line.erase(0, nl + 1);
      if (reply == "echo: quit\n")
        co_return;
    }
  }
}

awaitable<void> server(tcp::acceptor &acc) {
  tcp::socket sock = co_await acc.async_accept(use_awaitable);
  co_await session(std::move(sock));
}

awaitable<int> client(unsigned short port) {
  auto ex = co_await asio::this_coro::executor;
  tcp::socket sock(ex);
  co_await sock.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), use_awaitable);
  int lines = 0;
  const char *msgs[] = {"hello\n", "coroutine frames\n", "quit\n"};
  asio::streambuf in;
  for (const char *m : msgs) {
    co_await asio::async_write(sock, asio::buffer(std::string(m)), use_awaitable);
    std::size_t n = co_await asio::async_read_until(sock, in, '\n', use_awaitable);
    std::string got(asio::buffers_begin(in.data()), asio::buffers_begin(in.data()) + n);
    in.consume(n);
    std::printf("%s", got.c_str());
    lines++;
  }
  co_return lines;
}

int main() {
  asio::io_context io;
  tcp::acceptor acc(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  unsigned short port = acc.local_endpoint().port();
  int lines = 0;
  asio::co_spawn(io, server(acc), asio::detached);
  asio::co_spawn(io, client(port), [&](std::exception_ptr e, int n) {
    if (e)
      std::rethrow_exception(e);
    lines = n;
  });
  io.run();
  std::printf("%d lines\n", lines);
  return lines == 3 ? 0 : 1;
}
