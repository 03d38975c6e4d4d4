#pragma once
// Running independent tasks (one per snapshot file) on a few threads. Callers keep one
// result slot per task, so what the tasks produce never depends on the scheduling.

#include <cstddef>
#include <functional>
#include <span>

namespace sgscope::ingest {

// Calls `run(worker, task)` once for every task, on up to `workers` threads (worker ids
// 0..workers-1, so each thread can own its parser and buffers). Tasks start in the
// order of `order` (largest first balances the threads best). If a task throws, no new
// task starts, and the first exception is rethrown here once every thread has stopped.
void RunTasks(std::span<const size_t> order, unsigned workers, const std::function<void(unsigned, size_t)>& run);

// The number of worker threads to use for `tasks` tasks: one per core, at most one per task.
unsigned WorkerCount(size_t tasks);

}  // namespace sgscope::ingest
