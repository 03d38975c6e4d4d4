// Tasks are handed out through one atomic counter: a thread that finishes early takes the
// next task, so a few big files and many small ones still keep every core busy.

#include "ingest/parallel_tasks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sgscope::ingest {

namespace {

// What the threads share: the next task to hand out and the first failure.
struct Queue {
  std::span<const size_t> order;
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr error;
};

void Work(Queue& queue, unsigned worker, const std::function<void(unsigned, size_t)>& run) {
  try {
    for (size_t i; !queue.failed && (i = queue.next++) < queue.order.size();) run(worker, queue.order[i]);
  } catch (...) {
    std::lock_guard lock(queue.mutex);
    if (!queue.error) queue.error = std::current_exception();
    queue.failed = true;
  }
}

}  // namespace

unsigned WorkerCount(size_t tasks) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::clamp<size_t>(tasks, 1, cores));
}

void RunTasks(std::span<const size_t> order, unsigned workers, const std::function<void(unsigned, size_t)>& run) {
  Queue queue;
  queue.order = order;
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(Work, std::ref(queue), w, std::cref(run));
  Work(queue, 0, run);  // the calling thread is worker 0
  for (std::thread& t : threads) t.join();
  if (queue.error) std::rethrow_exception(queue.error);
}

}  // namespace sgscope::ingest
