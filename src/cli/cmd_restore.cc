// vanban restore [FILE] [--show-changes] [--ocr] [--model FILE] [--local FILE]
//
// Prints FILE (or standard input) decoded, normalized and with its marks
// restored, line by line. --show-changes adds, under each changed line, each
// changed word with its confidence. --ocr treats the text as OCR output
// (every word may be a confusion: s6 → số). Lines that already carry
// correct marks come out as they went in.
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/command.h"
#include "cli/common.h"
#include "normalize/decode.h"
#include "pipeline/reader.h"
#include "restore/restorer.h"

namespace vanban::cli {

int RunRestore(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(argv, {"--show-changes", "--ocr", "--model=", "--local="});
  if (!parsed.ok()) return UsageError("restore: " + parsed.message());
  if (args.positional().size() > 1) return UsageError("restore: give at most one file (or none for stdin)");

  std::string bytes;
  if (args.positional().empty()) {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    Result<std::string> r = pipeline::ReadFileBytes(args.positional()[0], pipeline::ReadLimits());
    if (!r.ok()) return Fail(args.positional()[0] + ": " + r.status().message());
    bytes = std::move(r).value();
  }
  Result<normalize::Decoded> text = normalize::DecodeText(bytes);
  if (!text.ok()) return Fail("restore: " + text.status().message());

  restore::Restorer::Paths paths = restore::Restorer::Paths::Default();
  if (args.Has("--model")) paths.model = args.Get("--model");
  if (args.Has("--local")) paths.local = args.Get("--local");
  auto restorer = restore::Restorer::Load(paths);
  if (!restorer.ok()) return Fail("restore: " + restorer.status().message());

  const bool show = args.Has("--show-changes");
  const auto mode = args.Has("--ocr") ? restore::RestoreMode::kOcr : restore::RestoreMode::kAuto;
  std::istringstream in(text->utf8);
  std::string line;
  int changed = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    restore::RestoredLine out = (*restorer)->RestoreLine(line, mode);
    std::cout << out.text << "\n";
    changed += out.changed;
    if (show && out.changed > 0) {
      for (const auto& w : out.words)
        if (w.changed) std::cout << "    " << w.original << " → " << w.text << "  (" << static_cast<int>(w.confidence * 100 + 0.5) << "%)\n";
    }
  }
  if (show) std::cerr << "vanban restore: " << text->encoding << ", " << changed << " words changed\n";
  return kExitOk;
}

}  // namespace vanban::cli
