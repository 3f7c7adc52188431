#include "module_loader.h"

#include <dlfcn.h>

#include <cstdlib>

namespace reissue::extract {

LoadedModule load_module(const ModuleToLoad& module) {
  LoadedModule loaded;
  const char* overridden = std::getenv(module.variable);
  const std::string path = overridden && *overridden ? overridden : module.built;
  const std::string named = std::string("the ") + module.what + " module " + path;
  void* handle = dlopen(path.c_str(), module.flags);
  if (!handle) {
    const char* error = dlerror();
    const std::string file = module.built.substr(module.built.find_last_of('/') + 1);
    loaded.problem = named + " could not be loaded (" + (error ? error : "unknown error") + "); rebuild reissue, or set " +
                     module.variable + " to its " + file;
    return loaded;
  }
  using Abi = unsigned long (*)();
  void* entry = dlsym(handle, module.entry);
  const auto abi = reinterpret_cast<Abi>(dlsym(handle, module.abi));
  if (!entry || !abi) {
    loaded.problem = named + " is not reissue's (no " + module.entry + ")";
    dlclose(handle);
    return loaded;
  }
  if (abi() != module.expected_abi) {
    loaded.problem = named + " is from another build of reissue; rebuild reissue";
    dlclose(handle);
    return loaded;
  }
  loaded.entry = entry;
  return loaded;
}

}  // namespace reissue::extract
