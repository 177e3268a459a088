// Where a command's report goes: colour only on a terminal (or --color), the
// width to lay tables out in, and a pager ($PAGER, else `less -R`) when the
// report is longer than the terminal. Commands write into Output::out() and
// call Finish() once.
//
// Options read from Args: --color, --no-color, --no-pager, --width N. The
// environment: NO_COLOR (no colour unless --color), COLUMNS, PAGER ("" or
// "cat": no pager). Not thread-safe.
#ifndef VANBAN_CLI_TERMINAL_H_
#define VANBAN_CLI_TERMINAL_H_

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"

namespace vanban::cli {

// The option specs Output reads, to append to a command's own.
std::vector<std::string> TerminalOptionSpecs();

class Output {
 public:
  explicit Output(const Args& args);
  std::ostream& out() { return buffer_; }
  bool color() const { return color_; }
  int width() const { return width_; }
  // For interactive commands: never page.
  void DisablePager() { pager_ = false; }
  // SGR-wrapped text when colour is on ("1" bold, "31" red, "32" green, "33" yellow, "2" dim).
  std::string Paint(std::string_view text, const char* sgr) const;
  // Writes the report to stdout, through the pager when it is longer than the screen.
  void Finish();

 private:
  std::ostringstream buffer_;
  bool color_ = false, pager_ = false;
  int width_ = 100, rows_ = 0;
};

// Text cut to at most `width` terminal columns, whole grapheme clusters
// only, ending in "…" when cut.
std::string TruncateToWidth(std::string_view s, size_t width);
// Text broken into lines of at most `width` columns at spaces (a word longer
// than the width is cut by graphemes).
std::vector<std::string> WrapToWidth(std::string_view s, size_t width);
// s followed by spaces up to `width` columns.
std::string PadToWidth(std::string_view s, size_t width);

}  // namespace vanban::cli

#endif  // VANBAN_CLI_TERMINAL_H_
