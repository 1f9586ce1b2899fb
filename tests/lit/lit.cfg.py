# lit configuration for coropack: IR and CLI tests with FileCheck.
import os
import lit.formats

config.name = "coropack"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".test", ".cpp", ".c"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.coropack_obj_root, "tests", "lit")

llvm_bin = config.llvm_tools_dir
config.environment["PATH"] = os.pathsep.join([llvm_bin, config.environment.get("PATH", "")])
for var in ("COROPACK_MODE", "COROPACK_REPORT"):
    config.environment.pop(var, None)

config.substitutions.append(("%coropack", os.path.join(config.coropack_obj_root, "coropack")))
config.substitutions.append(("%plugin", config.coropack_plugin))
config.substitutions.append(("%clangxx", os.path.join(llvm_bin, "clang++") + " -std=c++20"))
config.substitutions.append(("%clang ", os.path.join(llvm_bin, "clang") + " "))
config.substitutions.append(("%alloc_count", os.path.join(config.coropack_obj_root, "libcoropack-alloc-count.so")))
config.substitutions.append(("%opt", os.path.join(llvm_bin, "opt")))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))

import shutil
if shutil.which("gdb"):
    config.available_features.add("gdb")
