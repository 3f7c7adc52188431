// The shipped `reissue`: no test hooks.
#include "commands.h"

namespace reissue::cli {

void test_hook(const std::string&) {}

}  // namespace reissue::cli
