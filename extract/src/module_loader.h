// Loading one of the extractor's modules (the PDF reader, the OCR engine):
// built beside the extract library, each loaded with dlopen the first time
// it is needed, so that the libraries only it uses cost nothing to commands
// that never need it.
#pragma once

#include <string>

namespace reissue::extract {

struct ModuleToLoad {
  const char* what;           // "PDF", "OCR": names it in messages
  const char* variable;       // the environment variable naming another file
  std::string built;          // where this build puts it
  const char* entry;          // the entry point's symbol
  const char* abi;            // the symbol of its `unsigned long ()` ABI check
  unsigned long expected_abi; // what that must return
  int flags;                  // for dlopen
};

struct LoadedModule {
  void* entry = nullptr;  // the entry point, or nullptr and:
  std::string problem;    // why it could not be loaded, as a phrase
};

LoadedModule load_module(const ModuleToLoad& module);

}  // namespace reissue::extract
