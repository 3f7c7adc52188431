// Replays files through a fuzz target's LLVMFuzzerTestOneInput, in the normal
// (g++) build, for ctest: the seed corpus and every saved finding. A file fails
// when it crashes (an escaping exception aborts), breaks a property, takes more
// than the time limit (a quadratic rule) or needs more than the memory limit.
//
// Findings not fixed yet (listed in fuzz/findings/open.txt, their module is
// another team's) must still reproduce: each runs in a child process, and one
// that no longer fails is reported so that its line gets removed.
//
//   replay [--time-limit S] [--memory-limit MiB] [--open LIST --findings DIR] PATH...
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

const char* current_file = "";  // for the alarm and terminate handlers
std::terminate_handler default_terminate = nullptr;

void write_stderr(const char* text) {
  const ssize_t ignored = write(STDERR_FILENO, text, std::strlen(text));
  (void)ignored;
}

void on_alarm(int) {
  write_stderr("\nreplay: time limit exceeded by ");
  write_stderr(current_file);
  write_stderr("\n");
  _exit(1);
}

void on_terminate() {
  std::fprintf(stderr, "\nreplay: %s ends in an exception that is not reissue::Error\n", current_file);
  default_terminate();
}

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#endif
#endif
  return false;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run_one(const fs::path& file, unsigned time_limit) {
  const std::string bytes = read_file(file);
  alarm(time_limit);
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  alarm(0);
}

// fuzz/findings/open.txt: "target/file | pattern | module: what", '#' comments.
std::set<fs::path> open_findings(const fs::path& list) {
  std::set<fs::path> open;
  std::ifstream in(list);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::string file = line.substr(0, line.find('|'));
    file.erase(file.find_last_not_of(" \t") + 1);
    if (!file.empty()) open.insert(file);
  }
  return open;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned time_limit = 10;
  unsigned long memory_mib = 2048;
  fs::path open_list, findings;
  std::vector<fs::path> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--time-limit" && i + 1 < argc) time_limit = static_cast<unsigned>(std::stoul(argv[++i]));
    else if (arg == "--memory-limit" && i + 1 < argc) memory_mib = std::stoul(argv[++i]);
    else if (arg == "--open" && i + 1 < argc) open_list = argv[++i];
    else if (arg == "--findings" && i + 1 < argc) findings = argv[++i];
    else paths.emplace_back(arg);
  }
  if (paths.empty()) {
    std::cerr << "usage: " << argv[0] << " [--time-limit S] [--memory-limit MiB] [--open LIST --findings DIR] PATH...\n";
    return 64;
  }
  const std::set<fs::path> open = open_list.empty() ? std::set<fs::path>{} : open_findings(open_list);

  std::vector<fs::path> files, open_files;
  for (const fs::path& path : paths) {
    if (!fs::exists(path)) continue;  // a target without findings has no folder
    std::vector<fs::path> found;
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file()) found.push_back(entry.path());
    } else {
      found.push_back(path);
    }
    for (const fs::path& file : found) {
      const bool is_open = !findings.empty() && open.count(fs::relative(file, findings)) > 0;
      (is_open ? open_files : files).push_back(file);
    }
  }
  std::sort(files.begin(), files.end());
  std::sort(open_files.begin(), open_files.end());

  // The sanitizers reserve terabytes of address space: no limit under them.
  if (!sanitized()) {
    const rlim_t bytes = static_cast<rlim_t>(memory_mib) << 20;
    const rlimit limit{bytes, bytes};
    setrlimit(RLIMIT_AS, &limit);
  }
  std::signal(SIGALRM, on_alarm);

  // Open findings first, each in a child, before this process starts any
  // library state (threads, caches) that a fork could copy half-done.
  int fixed = 0;
  for (const fs::path& file : open_files) {
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child == 0) {
      if (std::freopen("/dev/null", "w", stderr) == nullptr) _exit(2);
      current_file = file.c_str();
      run_one(file, time_limit);
      _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      std::cerr << "replay: " << file.string() << " no longer fails: it is fixed, so remove its line from "
                << open_list.string() << "\n";
      ++fixed;
    }
  }

  default_terminate = std::set_terminate(on_terminate);
  for (const fs::path& file : files) {
    current_file = file.c_str();
    run_one(file, time_limit);
  }
  std::cout << "replayed " << files.size() << " file(s); " << open_files.size() - fixed
            << " open finding(s) of other modules still fail as listed in fuzz/findings/open.txt\n";
  return fixed == 0 ? 0 : 1;
}
