// A syntax check of TOML text before toml++ sees it (issue 19).
//
// toml++ 3.3.0 (Debian 12's libtomlplusplus) has inputs it does not handle: a
// non-ASCII character outside a string reaches TOML_UNREACHABLE (undefined
// behaviour), and inputs as small as "[" + newline fail internal assertions (a
// value or key starting on a terminator, parser.inl parse_value / parse_key). They
// are latent in the shared library, which is built without assertions, but real in
// any build that compiles the parser with them. This checker accepts the TOML 1.0
// grammar (UTF-8 text; keys, table headers, strings with their escapes, numbers,
// booleans, dates and times, arrays, inline tables) and refuses everything else
// with a line and a column, so that toml++ only ever parses text whose structure is
// valid; what the grammar does not settle (a key defined twice, a date that does
// not exist) toml++ still reports itself. No toml++ here: the fuzz harness
// compiles this file with a header-only, assertion-enabled parser to prove it.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace govsim {

struct TomlSyntaxProblem {
  int line = 0, column = 0;  // 1-based; the column counts characters (code points)
  std::string message;
};

// nullopt when `text` is syntactically valid TOML 1.0; else the first problem.
std::optional<TomlSyntaxProblem> toml_syntax_problem(std::string_view text);

}  // namespace govsim
