// A shard's own corner of a shared output folder: a lock that says the shard
// is running (flock, released by the kernel however the process ends, and
// honoured across machines on NFS), and a work folder no other shard uses.
// Both are removed when the run ends, and .reissue-work/ with them once no
// shard is left in it.
#pragma once

#include <filesystem>
#include <string>

namespace reissue::batch {

class ShardWorkspace {
 public:
  // Takes the lock of shard K/N in `output_root` and makes an empty work
  // folder. Throws UsageError when the same shard is already running there,
  // WriteError when the folder cannot be written.
  ShardWorkspace(const std::filesystem::path& output_root, int shard, int shards);
  ~ShardWorkspace();  // removes the work folder, releases the lock
  ShardWorkspace(const ShardWorkspace&) = delete;
  ShardWorkspace& operator=(const ShardWorkspace&) = delete;

  const std::filesystem::path& folder() const { return folder_; }

 private:
  void release();
  std::filesystem::path folder_, lock_;
  int lock_fd_ = -1;
};

// Whether shard K/N holds its lock in `output_root` now (a run in progress);
// `holder` gets who ("process 123 on host").
bool shard_running(const std::filesystem::path& output_root, int shard, int shards, std::string* holder);

}  // namespace reissue::batch
