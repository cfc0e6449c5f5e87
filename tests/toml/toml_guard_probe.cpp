// Proof that the TOML syntax check (sim/config/toml_guard.hpp) stands between govsim
// and toml++ 3.3's internal assertions (issue 19). Debian's libtomlplusplus is built
// without them, so this probe compiles the parser itself, header-only, with
// assertions on (NDEBUG undefined) and, through -fsanitize=unreachable with traps,
// TOML_UNREACHABLE made fatal: a file that trips either ends the probe by a signal.
//   toml_guard_probe FILE...              check each file, then parse what passes
//   toml_guard_probe --unguarded FILE...  parse without the check (shows the reproducers are real)
// Prints "FILE:LINE:COLUMN: message" for each file refused; exit 0 unless a file
// could not be read (2) -- a crash inside toml++ is a signal, never exit 0.
#undef NDEBUG
#define TOML_HEADER_ONLY 1
#include <toml++/toml.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "config/toml_guard.hpp"

int main(int argc, char** argv) {
  bool guarded = true;
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--unguarded") == 0) {
      guarded = false;
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << argv[i] << ": cannot read\n";
      status = 2;
      continue;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    if (guarded) {
      if (auto p = govsim::toml_syntax_problem(text)) {
        std::cout << argv[i] << ":" << p->line << ":" << p->column << ": " << p->message << "\n";
        continue;
      }
    }
    try {
      toml::table t = toml::parse(text, std::string_view(argv[i]));
      std::cout << argv[i] << ": parsed (" << t.size() << " top-level keys)\n";
    } catch (const toml::parse_error& e) {
      std::cout << argv[i] << ":" << e.source().begin.line << ":" << e.source().begin.column
                << ": toml++: " << e.description() << "\n";
    }
  }
  return status;
}
