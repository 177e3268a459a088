// vanban-restore-text: restores stdin line by line with the shipped model
// (a stand-in for `vanban restore` until src/cli lands).
//
//   vanban-restore-text [--full|--repair] [--show-changes] < in.txt
#include <iostream>
#include <string>

#include "restore/restorer.h"

int main(int argc, char** argv) {
  using vanban::restore::RestoreMode;
  RestoreMode mode = RestoreMode::kAuto;
  bool show = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--full") mode = RestoreMode::kFull;
    else if (a == "--repair") mode = RestoreMode::kRepair;
    else if (a == "--show-changes") show = true;
  }
  auto r = vanban::restore::Restorer::Load(vanban::restore::Restorer::Paths::Default());
  if (!r.ok()) {
    std::cerr << "vanban-restore-text: " << r.status().ToString() << "\n";
    return 1;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    auto out = (*r)->RestoreLine(line, mode);
    std::cout << out.text << "\n";
    if (show) {
      for (const auto& w : out.words)
        if (w.changed || w.confidence < 0.6)
          std::cout << "  " << w.original << " → " << w.text << " (" << w.confidence << ")\n";
    }
  }
  return 0;
}
