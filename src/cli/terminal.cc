#include "cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "core/utf8.h"

namespace vanban::cli {

std::vector<std::string> TerminalOptionSpecs() { return {"--color", "--no-color", "--no-pager", "--width="}; }

Output::Output(const Args& args) {
  const bool tty = isatty(1) != 0;
  const char* no_color = std::getenv("NO_COLOR");
  color_ = args.Has("--color") || (tty && !args.Has("--no-color") && !(no_color && *no_color));
  if (args.Has("--no-color")) color_ = false;
  pager_ = tty && !args.Has("--no-pager");
  winsize ws{};
  if (tty && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    width_ = ws.ws_col;
    rows_ = ws.ws_row;
  } else if (const char* cols = std::getenv("COLUMNS"); cols && std::atoi(cols) > 20) {
    width_ = std::atoi(cols);
  }
  if (args.Has("--width")) {
    int w = std::atoi(args.Get("--width").c_str());
    if (w >= 20) width_ = w;
  }
}

std::string Output::Paint(std::string_view text, const char* sgr) const {
  if (!color_ || text.empty()) return std::string(text);
  return std::string("\033[") + sgr + "m" + std::string(text) + "\033[m";
}

void Output::Finish() {
  std::string text = buffer_.str();
  buffer_.str("");
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  if (pager_ && rows_ > 0 && lines + 1 >= static_cast<size_t>(rows_)) {
    const char* env = std::getenv("PAGER");
    std::string pager = env ? env : "less -R";
    if (!pager.empty() && pager != "cat") {
      if (!std::getenv("LESS")) setenv("LESS", "FRX", 0);
      std::signal(SIGPIPE, SIG_IGN);  // the reader may quit early
      std::cout.flush();
      if (FILE* p = popen(pager.c_str(), "w")) {
        fwrite(text.data(), 1, text.size(), p);
        pclose(p);
        return;
      }
    }
  }
  std::cout << text << std::flush;
}

namespace {

// Grapheme clusters of s, as byte ranges.
std::vector<std::string_view> Clusters(std::string_view s) {
  std::vector<std::string_view> out;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale("vi"), err));
  if (U_FAILURE(err)) {
    for (size_t i = 0; i < s.size(); ++i) out.push_back(s.substr(i, 1));
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  it->setText(u);
  // Map UTF-16 boundaries back to UTF-8 byte offsets.
  int32_t prev16 = it->first();
  size_t prev8 = 0;
  for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) {
    std::string piece;
    u.tempSubStringBetween(prev16, p).toUTF8String(piece);
    out.push_back(s.substr(prev8, piece.size()));
    prev8 += piece.size();
    prev16 = p;
  }
  return out;
}

}  // namespace

std::string TruncateToWidth(std::string_view s, size_t width) {
  if (utf8::DisplayWidth(s) <= width) return std::string(s);
  if (width == 0) return "";
  std::string out;
  size_t used = 0;
  for (std::string_view g : Clusters(s)) {
    size_t w = utf8::DisplayWidth(g);
    if (used + w + 1 > width) break;  // keep one column for the ellipsis
    out.append(g);
    used += w;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

std::vector<std::string> WrapToWidth(std::string_view s, size_t width) {
  std::vector<std::string> lines;
  if (width == 0) return {std::string(s)};
  std::string line;
  size_t line_w = 0;
  std::string collapsed = utf8::CollapseSpace(s);
  for (std::string_view word : utf8::Split(collapsed, ' ')) {
    if (word.empty()) continue;
    size_t w = utf8::DisplayWidth(word);
    if (line_w > 0 && line_w + 1 + w > width) {
      lines.push_back(line);
      line.clear();
      line_w = 0;
    }
    if (w > width) {  // cut a long word by graphemes
      for (std::string_view g : Clusters(word)) {
        size_t gw = utf8::DisplayWidth(g);
        if (line_w + gw > width) {
          lines.push_back(line);
          line.clear();
          line_w = 0;
        }
        line.append(g);
        line_w += gw;
      }
      continue;
    }
    if (line_w > 0) {
      line += ' ';
      ++line_w;
    }
    line.append(word);
    line_w += w;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string PadToWidth(std::string_view s, size_t width) {
  std::string out(s);
  size_t w = utf8::DisplayWidth(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

}  // namespace vanban::cli
