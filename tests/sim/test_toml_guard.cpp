// The TOML syntax check that runs before toml++ (sim/config/toml_guard.hpp, issue 19).
#include <catch2/catch.hpp>

#include <filesystem>

#include "config/files.hpp"
#include "config/toml_guard.hpp"

using namespace govsim;

namespace {
// "LINE:COLUMN: message" of the first problem, or "ok".
std::string verdict(const std::string& text) {
  const auto p = toml_syntax_problem(text);
  return p ? std::to_string(p->line) + ":" + std::to_string(p->column) + ": " + p->message : "ok";
}
}  // namespace

TEST_CASE("the TOML check passes every shipped scenario and experiment", "[toml][robustness]") {
  int files = 0;
  for (const char* dir : {"scenarios", "scenarios/experiments"})
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(GOVSIM_SOURCE_DIR) / dir))
      if (e.path().extension() == ".toml") {
        INFO(e.path().string());
        CHECK(verdict(read_file(e.path()).value()) == "ok");
        ++files;
      }
  CHECK(files >= 15);
}

TEST_CASE("the TOML check accepts the TOML 1.0 forms toml++ reads", "[toml][robustness]") {
  for (const char* t :
       {"a = 1\n", "a.b.'c' = 0x1F\n", "[t]\n[[arr]]\n[ \"q.k\" . b ]\n", "x = [ 1, 2,\n  # c\n  3, ]\n",
        "x = { a = 1, b = { c = [true, false] } }\n", "d = 1979-05-27T07:32:00.999-07:00\n",
        "d = 1979-05-27 07:32:00Z\nt = 07:32:00\nl = 1979-05-27\n", "f = [+1.5e-3, -0.0, inf, -nan, 1_000.5]\n",
        "s = \"\\u00e9\\U0001F600\\t\\\"\"\nl = 'C:\\x'\n", "m = \"\"\"\nab\\\n   c\"\"\"\"\"\n",
        "m = '''a\n''b'''''\n", "\xef\xbb\xbfk = \"\xc3\xa9\" # \xe4\xb8\xad\r\n", "i = [0o17, 0b101, +7]\n"}) {
    INFO(t);
    CHECK(verdict(t) == "ok");
  }
}

TEST_CASE("the TOML check refuses what toml++ 3.3 mishandles with a line and a column", "[toml][robustness]") {
  // the three reproducers of issue 19 (toml++ asserts or reaches TOML_UNREACHABLE on them)
  CHECK(verdict("\xc3\xa9 = 1\n").rfind("1:1: expected a key", 0) == 0);
  CHECK(verdict("[\n").rfind("1:2: expected a key", 0) == 0);
  CHECK(verdict("morringe = [7,}36]\n").rfind("1:15: expected a value", 0) == 0);
  // and their classes
  CHECK(verdict("x = 1\ny = caf\xc3\xa9\n").rfind("2:5: \"caf\" is not a value", 0) == 0);
  CHECK(verdict("x = 1 \xc3\xa9\n").find("U+00E9") != std::string::npos);
  CHECK(verdict("[a\n").rfind("1:3: expected ']'", 0) == 0);
  CHECK(verdict("[[a]\n").rfind("1:4: expected ']]'", 0) == 0);
  CHECK(verdict("[]\n").rfind("1:2: expected a key", 0) == 0);
  CHECK(verdict("a. = 1\n").rfind("1:4: expected a key", 0) == 0);
  CHECK(verdict("= 1\n").rfind("1:1: expected a key", 0) == 0);
  CHECK(verdict("a =\n").rfind("1:4: expected a value", 0) == 0);
  CHECK(verdict("a = [1,,2]\n").rfind("1:8: expected a value", 0) == 0);
  CHECK(verdict("a = [1 2]\n").rfind("1:8: expected ',' or ']'", 0) == 0);
  CHECK(verdict("a = [1,\n2\n").rfind("3:1: the array opened at line 1, column 5 is not closed", 0) == 0);
  CHECK(verdict("a = {b = 1,}\n").rfind("1:12: a trailing ','", 0) == 0);
  CHECK(verdict("a = {b = 1\n}\n").rfind("1:11: expected ',' or '}'", 0) == 0);
  CHECK(verdict("a = 1.\n").rfind("1:5: \"1.\" is not a value", 0) == 0);
  CHECK(verdict("a = 01\n").rfind("1:5: \"01\" is not a value", 0) == 0);
  CHECK(verdict("a = 1__0\n").rfind("1:5:", 0) == 0);
  CHECK(verdict("a = 1979-13-01\n").rfind("1:5:", 0) == 0);
  CHECK(verdict("a = 07:32\n").rfind("1:5:", 0) == 0);
  CHECK(verdict("a = \"\\q\"\n").rfind("1:6: unknown escape", 0) == 0);
  CHECK(verdict("a = \"\\uD800\"\n").rfind("1:6:", 0) == 0);  // a surrogate
  CHECK(verdict("a = \"x\n").rfind("1:7: the string is not closed", 0) == 0);
  CHECK(verdict("a = \"\"\"x\n").rfind("2:1: the multi-line string opened at line 1, column 5", 0) == 0);
  CHECK(verdict("a = \"\x01\"\n").rfind("1:6: the control character 0x01", 0) == 0);
  CHECK(verdict("a = 1 # \x7f\n").rfind("1:9: the control character 0x7F in a comment", 0) == 0);
  CHECK(verdict("a = 1\rb = 2\n").rfind("1:6: a carriage return", 0) == 0);
  CHECK(verdict("a = 1 b = 2\n").rfind("1:7: unexpected 'b' after a value", 0) == 0);
  CHECK(verdict("\"\"\"k\"\"\" = 1\n").rfind("1:1: a multi-line string cannot be a key", 0) == 0);
  CHECK(verdict("a = \xc3\n").rfind("1:5: the file is not valid UTF-8", 0) == 0);              // truncated sequence
  CHECK(verdict("a = \"\xed\xa0\x80\"\n").rfind("1:6: the file is not valid UTF-8", 0) == 0);  // encoded surrogate
  CHECK(verdict("a = \"\xc0\xaf\"\n").rfind("1:6: the file is not valid UTF-8", 0) == 0);      // overlong '/'
  CHECK(verdict(std::string("a = 1\n\0", 7)).rfind("2:1:", 0) == 0);
  CHECK(verdict("a = " + std::string(200, '[') + std::string(200, ']') + "\n").find("nested more than 100") !=
        std::string::npos);
}
