// A program written against QCoro (Debian's qcoro-qt6-dev), the kind of code
// coropack meets in Qt applications: QCoro::Task chains awaited through Qt's
// event loop (QTimer timeouts, sleepFor), recursion, tasks awaiting tasks in
// loops with locals of Qt types (QString, QList) live across the awaits,
// exceptions thrown through awaits, QCoro::Generator and
// QCoro::AsyncGenerator. Its output is deterministic: bench/qcoro_diff.sh
// builds it stock and with the plugin and compares output and allocations.
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QTimer>
#include <QCoro/QCoroAsyncGenerator>
#include <QCoro/QCoroGenerator>
#include <QCoro/QCoroTask>
#include <QCoro/QCoroTimer>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>

using namespace std::chrono_literals;

static QCoro::Generator<int> fib(int n) {
  int a = 0, b = 1;
  for (int i = 0; i < n; ++i) {
    co_yield a;
    int t = a + b;
    a = b;
    b = t;
  }
}

static QCoro::AsyncGenerator<QString> words(int n) {
  for (int i = 0; i < n; ++i) {
    co_await QCoro::sleepFor(1ms);
    co_yield QStringLiteral("w%1").arg(i * i);
  }
}

static QCoro::Task<long> chain(int depth) {
  if (depth == 0)
    co_return 1;
  QString label = QStringLiteral("level-%1").arg(depth);
  long below = co_await chain(depth - 1);
  QTimer timer;
  timer.setSingleShot(true);
  timer.start(1ms);
  co_await timer;
  co_return below * 3 + label.size();
}

static QCoro::Task<int> maybeThrow(int x) {
  co_await QCoro::sleepFor(1ms);
  if (x % 3 == 2)
    throw std::runtime_error("x%3==2");
  co_return x * 7;
}

static QCoro::Task<QList<int>> collect(int n) {
  QList<int> out;
  int buffer[16];
  for (int i = 0; i < 16; ++i)
    buffer[i] = i * n;
  for (int i = 0; i < n; ++i) {
    try {
      int v = co_await maybeThrow(i);
      out.append(v + buffer[i % 16]);
    } catch (const std::exception &e) {
      out.append(-static_cast<int>(std::strlen(e.what())));
    }
  }
  co_return out;
}

static QCoro::Task<> run(QCoreApplication &app) {
  long fsum = 0;
  for (int v : fib(20))
    fsum += v;
  std::printf("fib sum %ld\n", fsum);
  for (int d : {0, 1, 4, 7})
    std::printf("chain %d: %ld\n", d, co_await chain(d));
  QList<int> got = co_await collect(10);
  std::printf("collect:");
  for (int v : got)
    std::printf(" %d", v);
  std::printf("\n");
  auto gen = words(5);
  QString joined;
  auto it = co_await gen.begin();
  while (it != gen.end()) {
    joined += *it + QLatin1Char(' ');
    co_await ++it;
  }
  std::printf("words %s\n", qPrintable(joined));
  app.quit();
}

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QTimer::singleShot(0, &app, [&app] { run(app); });
  return app.exec();
}
