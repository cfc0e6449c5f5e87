// The TOML 1.0 syntax check run before toml++ (see toml_guard.hpp). A recursive
// descent over the grammar of https://toml.io/en/v1.0.0 (ABNF), keeping the line and
// column of every character; it builds nothing.
#include "config/toml_guard.hpp"

#include <cstdint>

namespace govsim {

namespace {

constexpr int kMaxDepth = 100;  // nested arrays / inline tables (toml++ allows 256)

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_bare_key(char c) { return is_alpha(c) || is_digit(c) || c == '_' || c == '-'; }
bool is_scalar_char(char c) { return is_bare_key(c) || c == '+' || c == '.' || c == ':'; }
// Control characters TOML forbids in strings and comments (tab is allowed).
bool is_control(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }

// Digits of `ok` separated by single underscores, the whole of `s` (non-empty).
template <class Pred>
bool digits_with_underscores(std::string_view s, Pred ok) {
  if (s.empty() || !ok(s.front()) || !ok(s.back())) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '_') {
      if (!ok(s[i + 1])) return false;  // s.back() is a digit, so s[i + 1] exists
    } else if (!ok(s[i])) {
      return false;
    }
  return true;
}
bool decimal_digits(std::string_view s) { return digits_with_underscores(s, is_digit); }

// dec-int without sign: 0, or a non-zero digit then digits (underscores between).
bool unsigned_dec_int(std::string_view s) { return s == "0" || (!s.empty() && s[0] != '0' && decimal_digits(s)); }

bool integer_token(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
    const std::string_view d = s.substr(2);
    if (s[1] == 'x') return digits_with_underscores(d, is_hex);
    if (s[1] == 'o') return digits_with_underscores(d, [](char c) { return c >= '0' && c <= '7'; });
    return digits_with_underscores(d, [](char c) { return c == '0' || c == '1'; });
  }
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return unsigned_dec_int(s);
}

bool float_token(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s == "inf" || s == "nan") return true;
  const size_t e = s.find_first_of("eE");
  std::string_view mant = s.substr(0, e), exp = e == std::string_view::npos ? std::string_view() : s.substr(e + 1);
  const size_t dot = mant.find('.');
  const std::string_view ip = mant.substr(0, dot);
  if (!unsigned_dec_int(ip)) return false;
  if (dot != std::string_view::npos && !decimal_digits(mant.substr(dot + 1))) return false;
  if (e != std::string_view::npos) {
    if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp.remove_prefix(1);
    if (!decimal_digits(exp)) return false;
  }
  return dot != std::string_view::npos || e != std::string_view::npos;
}

bool fixed_digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return false;
  for (size_t i = at; i < at + n; ++i)
    if (!is_digit(s[i])) return false;
  return true;
}
int number_at(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}
// YYYY-MM-DD with a month 01-12 and a day 01-31.
bool full_date(std::string_view s) {
  return s.size() == 10 && fixed_digits(s, 0, 4) && s[4] == '-' && fixed_digits(s, 5, 2) && s[7] == '-' &&
         fixed_digits(s, 8, 2) && number_at(s, 5, 2) >= 1 && number_at(s, 5, 2) <= 12 && number_at(s, 8, 2) >= 1 &&
         number_at(s, 8, 2) <= 31;
}
// HH:MM:SS[.frac] (TOML 1.0 requires the seconds), then for offset times Z or +HH:MM.
bool partial_time(std::string_view s, bool allow_offset) {
  if (!(s.size() >= 8 && fixed_digits(s, 0, 2) && s[2] == ':' && fixed_digits(s, 3, 2) && s[5] == ':' &&
        fixed_digits(s, 6, 2)))
    return false;
  if (number_at(s, 0, 2) > 23 || number_at(s, 3, 2) > 59 || number_at(s, 6, 2) > 60) return false;
  size_t i = 8;
  if (i < s.size() && s[i] == '.') {
    const size_t f = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == f) return false;
  }
  const std::string_view off = s.substr(i);
  if (off.empty()) return true;
  if (!allow_offset) return false;
  if (off == "Z" || off == "z") return true;
  return off.size() == 6 && (off[0] == '+' || off[0] == '-') && fixed_digits(off, 1, 2) && off[3] == ':' &&
         fixed_digits(off, 4, 2) && number_at(off, 1, 2) <= 23 && number_at(off, 4, 2) <= 59;
}
bool date_time_token(std::string_view s) {
  if (full_date(s)) return true;  // local date
  if (s.size() > 11 && full_date(s.substr(0, 10)) && (s[10] == 'T' || s[10] == 't' || s[10] == ' '))
    return partial_time(s.substr(11), true);  // (offset) date-time
  return partial_time(s, false);              // local time
}

class Checker {
 public:
  explicit Checker(std::string_view s) : s_(s) {}

  std::optional<TomlSyntaxProblem> run() {
    if (!check_utf8()) return problem_;
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // a byte-order mark
    while (document_line()) {
    }
    return problem_;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
  int line_ = 1, col_ = 1;
  std::optional<TomlSyntaxProblem> problem_;

  bool at_end() const { return i_ >= s_.size(); }
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool has(size_t k = 0) const { return i_ + k < s_.size(); }

  // One character (a whole UTF-8 sequence), keeping line and column.
  void advance() {
    const unsigned char c = static_cast<unsigned char>(s_[i_]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    i_ += n;
    if (c == '\n')
      ++line_, col_ = 1;
    else
      ++col_;
  }
  bool fail(const std::string& msg) {
    if (!problem_) problem_ = TomlSyntaxProblem{line_, col_, msg};
    return false;
  }
  // The character at the current position, for messages.
  std::string shown(char c) const {
    const unsigned char u = static_cast<unsigned char>(c);
    static const char* hex = "0123456789ABCDEF";
    if (u >= 0x80) {  // the text is valid UTF-8 (checked first): decode the code point at i_
      const size_t n = u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
      uint32_t cp = u & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
      for (size_t k = 1; k < n && i_ + k < s_.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s_[i_ + k]) & 0x3F);
      std::string code;
      for (int sh = cp > 0xFFFF ? 20 : 12; sh >= 0; sh -= 4) code += hex[(cp >> sh) & 15];
      return "the non-ASCII character U+" + code + " (outside quotes only ASCII is allowed)";
    }
    if (u == '\n' || u == '\r') return "the end of the line";
    if (u < 0x20 || u == 0x7f) return std::string("the control character 0x") + hex[u >> 4] + hex[u & 15];
    return std::string("'") + c + "'";
  }

  // The whole text must be UTF-8: shortest forms, no surrogates, nothing past U+10FFFF.
  bool check_utf8() {
    int line = 1, col = 1;
    for (size_t i = 0; i < s_.size();) {
      const unsigned char c = static_cast<unsigned char>(s_[i]);
      size_t n = 0;
      uint32_t cp = 0;
      if (c < 0x80)
        n = 1, cp = c;
      else if (c >= 0xC2 && c <= 0xDF)
        n = 2, cp = c & 0x1F;
      else if (c >= 0xE0 && c <= 0xEF)
        n = 3, cp = c & 0x0F;
      else if (c >= 0xF0 && c <= 0xF4)
        n = 4, cp = c & 0x07;
      bool ok = n > 0 && i + n <= s_.size();
      for (size_t k = 1; ok && k < n; ++k) {
        const unsigned char d = static_cast<unsigned char>(s_[i + k]);
        ok = (d & 0xC0) == 0x80;
        cp = (cp << 6) | (d & 0x3F);
      }
      if (ok && n == 3) ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
      if (ok && n == 4) ok = cp >= 0x10000 && cp <= 0x10FFFF;
      if (!ok) {
        problem_ = TomlSyntaxProblem{line, col, "the file is not valid UTF-8 text (byte " + std::to_string(i) + ")"};
        return false;
      }
      if (c == '\n')
        ++line, col = 1;
      else
        ++col;
      i += n;
    }
    return true;
  }

  void skip_ws() {
    while (peek() == ' ' || peek() == '\t') advance();
  }
  bool newline() {
    if (peek() == '\n') return advance(), true;
    if (peek() == '\r' && peek(1) == '\n') return advance(), advance(), true;
    if (peek() == '\r') return fail("a carriage return not followed by a line feed");
    return false;
  }
  bool comment() {  // at '#'
    advance();
    while (has() && peek() != '\n' && peek() != '\r') {
      if (is_control(static_cast<unsigned char>(peek()))) return fail(shown(peek()) + " in a comment");
      advance();
    }
    return true;
  }
  // After a key/value pair or a table header: spaces, a comment, then the end of the line.
  bool end_of_line(const char* after) {
    skip_ws();
    if (peek() == '#' && !comment()) return false;
    if (at_end() || newline()) return true;
    if (problem_) return false;
    return fail(std::string("unexpected ") + shown(peek()) + " after " + after + " (one per line)");
  }

  bool document_line() {
    skip_ws();
    if (at_end()) return false;
    const char c = peek();
    if (c == '#') return comment() && (at_end() || newline());
    if (c == '\n' || c == '\r') return newline();
    if (c == '[') return table_header() && end_of_line("a table header");
    return keyval() && end_of_line("a value");
  }

  bool table_header() {
    const bool array = peek(1) == '[';
    advance();
    if (array) advance();
    skip_ws();
    if (!key("table header")) return false;
    skip_ws();
    if (peek() != ']' || (array && peek(1) != ']'))
      return fail(std::string("expected '") + (array ? "]]" : "]") + "' to close the table header, found " +
                  (at_end() ? "the end of the file" : shown(peek())));
    advance();
    if (array) advance();
    return true;
  }

  bool key(const char* where) {
    if (!simple_key(where)) return false;
    for (;;) {
      skip_ws();
      if (peek() != '.') return true;
      advance();
      skip_ws();
      if (!simple_key(where)) return false;
    }
  }
  bool simple_key(const char* where) {
    const char c = peek();
    if (c == '"' || c == '\'') {
      if (peek(1) == c && peek(2) == c)
        return fail(std::string("a multi-line string cannot be a key (in the ") + where + ")");
      return c == '"' ? basic_string() : literal_string();
    }
    if (!is_bare_key(c))
      return fail(std::string("expected a key (letters, digits, _ and -, or a name in quotes) in the ") + where +
                  ", found " + (at_end() ? "the end of the file" : shown(c)));
    while (is_bare_key(peek())) advance();
    return true;
  }

  bool keyval() {
    if (!key("key = value line")) return false;
    skip_ws();
    if (peek() != '=')
      return fail(std::string("expected '=' after the key, found ") +
                  (at_end() ? "the end of the file" : shown(peek())));
    advance();
    skip_ws();
    return value(0);
  }

  bool value(int depth) {
    if (depth > kMaxDepth)
      return fail("arrays and inline tables nested more than " + std::to_string(kMaxDepth) + " deep");
    const char c = peek();
    if (c == '"') return peek(1) == '"' && peek(2) == '"' ? multiline_string('"') : basic_string();
    if (c == '\'') return peek(1) == '\'' && peek(2) == '\'' ? multiline_string('\'') : literal_string();
    if (c == '[') return array(depth + 1);
    if (c == '{') return inline_table(depth + 1);
    if (is_scalar_char(c)) return scalar();
    return fail(
        std::string("expected a value (a number, true, false, a date, a \"string\", [array] or {table}), found ") +
        (at_end() ? "the end of the file" : shown(c)));
  }

  bool scalar() {
    const int line = line_, col = col_;
    const size_t b = i_;
    while (is_scalar_char(peek())) advance();
    // a date and a time separated by one space: 1979-05-27 07:32:00
    if (full_date(s_.substr(b, i_ - b)) && peek() == ' ' && is_digit(peek(1))) {
      advance();
      while (is_scalar_char(peek())) advance();
    }
    const std::string_view tok = s_.substr(b, i_ - b);
    const bool ok = tok == "true" || tok == "false" || integer_token(tok) || float_token(tok) || date_time_token(tok);
    if (!ok) {
      problem_ = TomlSyntaxProblem{line, col,
                                   "\"" + std::string(tok.substr(0, 40)) + (tok.size() > 40 ? "..." : "") +
                                       "\" is not a value (a number, true, false or a date; text goes in quotes)"};
      return false;
    }
    const char n = peek();
    if (at_end() || n == ' ' || n == '\t' || n == '\n' || n == '\r' || n == ',' || n == ']' || n == '}' || n == '#')
      return true;
    return fail("unexpected " + shown(n) + " after the value");
  }

  // Spaces, newlines and comments inside an array.
  bool array_space() {
    for (;;) {
      skip_ws();
      if (peek() == '#') {
        if (!comment()) return false;
      } else if (peek() == '\n' || peek() == '\r') {
        if (!newline()) return false;
      } else {
        return true;
      }
    }
  }
  bool array(int depth) {
    const int line = line_, col = col_;
    advance();  // '['
    for (;;) {
      if (!array_space()) return false;
      if (peek() == ']') return advance(), true;
      if (at_end()) break;
      if (!value(depth)) return false;
      if (!array_space()) return false;
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == ']') return advance(), true;
      if (at_end()) break;
      return fail("expected ',' or ']' in the array, found " + shown(peek()));
    }
    return fail("the array opened at line " + std::to_string(line) + ", column " + std::to_string(col) +
                " is not closed");
  }

  bool inline_table(int depth) {
    advance();  // '{'
    skip_ws();
    if (peek() == '}') return advance(), true;
    for (;;) {
      if (peek() == '\n' || peek() == '\r') return fail("an inline table { ... } must be on one line (TOML 1.0)");
      if (!key("inline table")) return false;
      skip_ws();
      if (peek() != '=')
        return fail(std::string("expected '=' after the key, found ") +
                    (at_end() ? "the end of the file" : shown(peek())));
      advance();
      skip_ws();
      if (!value(depth)) return false;
      skip_ws();
      if (peek() == '}') return advance(), true;
      if (peek() != ',')
        return fail(std::string("expected ',' or '}' in the inline table, found ") +
                    (at_end() ? "the end of the file" : shown(peek())));
      advance();
      skip_ws();
      if (peek() == '}') return fail("a trailing ',' before '}' is not allowed in an inline table (TOML 1.0)");
    }
  }

  // \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX, the code point a Unicode scalar value.
  bool escape() {
    const int line = line_, col = col_;  // errors point at the backslash
    advance();                           // '\'
    auto fail_here = [&](const std::string& msg) {
      if (!problem_) problem_ = TomlSyntaxProblem{line, col, msg};
      return false;
    };
    const char c = peek();
    if (c == 'b' || c == 't' || c == 'n' || c == 'f' || c == 'r' || c == '"' || c == '\\') return advance(), true;
    if (c == 'u' || c == 'U') {
      const size_t n = c == 'u' ? 4 : 8;
      advance();
      uint32_t cp = 0;
      for (size_t k = 0; k < n; ++k) {
        const char h = peek();
        if (!is_hex(h)) return fail_here(std::string("\\") + c + " needs " + std::to_string(n) + " hexadecimal digits");
        cp = cp * 16 + static_cast<uint32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
        if (cp > 0x10FFFF) return fail_here("\\" + std::string(1, c) + " escape beyond U+10FFFF");
        advance();
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) return fail_here("\\u escape of a surrogate (not a character)");
      return true;
    }
    return fail_here("unknown escape \\" + (at_end() ? std::string() : std::string(1, c)) +
                     " in a string (use \\\\ for a backslash)");
  }

  bool basic_string() {
    advance();  // '"'
    for (;;) {
      if (at_end() || peek() == '\n' || peek() == '\r') return fail("the string is not closed on its line");
      const char c = peek();
      if (c == '"') return advance(), true;
      if (c == '\\') {
        if (!escape()) return false;
        continue;
      }
      if (is_control(static_cast<unsigned char>(c))) return fail(shown(c) + " in a string (write it as an escape)");
      advance();
    }
  }
  bool literal_string() {
    advance();  // '\''
    for (;;) {
      if (at_end() || peek() == '\n' || peek() == '\r') return fail("the string is not closed on its line");
      const char c = peek();
      if (c == '\'') return advance(), true;
      if (is_control(static_cast<unsigned char>(c))) return fail(shown(c) + " in a string");
      advance();
    }
  }
  // """...""" or '''...''': newlines allowed; up to two quotes may precede the closing three.
  bool multiline_string(char q) {
    const int line = line_, col = col_;
    advance(), advance(), advance();
    for (;;) {
      if (at_end())
        return fail("the multi-line string opened at line " + std::to_string(line) + ", column " + std::to_string(col) +
                    " is not closed");
      const char c = peek();
      if (c == q) {
        size_t n = 0;
        while (peek(n) == q) ++n;
        if (n >= 3) {
          if (n > 5) return fail("too many quotes closing a multi-line string");
          for (size_t k = 0; k < n; ++k) advance();
          return true;
        }
        for (size_t k = 0; k < n; ++k) advance();
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (!newline()) return false;
        continue;
      }
      if (q == '"' && c == '\\') {
        // a line-ending backslash: spaces, then a newline, then any spaces and newlines
        size_t k = 1;
        while (peek(k) == ' ' || peek(k) == '\t') ++k;
        if (peek(k) == '\n' || (peek(k) == '\r' && peek(k + 1) == '\n')) {
          for (size_t j = 0; j < k; ++j) advance();
          while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')
            if (peek() == '\r' ? !newline() : (advance(), false)) return false;
          continue;
        }
        if (!escape()) return false;
        continue;
      }
      if (is_control(static_cast<unsigned char>(c))) return fail(shown(c) + " in a string (write it as an escape)");
      advance();
    }
  }
};

}  // namespace

std::optional<TomlSyntaxProblem> toml_syntax_problem(std::string_view text) { return Checker(text).run(); }

}  // namespace govsim
