// The figure images of one issue, resolved once and held in memory: the PDF
// typesetter and the DOCX writer take them from here and never open a file,
// whether the images were read from the folder beside an issue XML or come
// from extraction.
#pragma once

#include "reissue/issue.h"

#include <filesystem>
#include <map>
#include <string>

namespace reissue {

enum class FigureKind { jpeg, png };

struct Figure {
  std::string src;  // as the issue names it
  std::string bytes;
  FigureKind kind = FigureKind::jpeg;
  int width = 0, height = 0;  // pixels
  int components = 3;         // JPEG: 1 grey, 3 RGB, 4 CMYK
};

class Figures {
 public:
  // Adds the image an issue names `src` (the first one given for a src
  // stays). Throws reissue::Error naming `src` and the figure's line when the
  // bytes are neither JPEG nor PNG or their header declares no size.
  const Figure& add(std::string src, std::string bytes, int figure_line = 0);

  const Figure* find(const std::string& src) const;
  // Throws reissue::Error naming `src` and the figure's line when it was not given.
  const Figure& get(const std::string& src, int figure_line) const;
  std::size_t size() const { return figures_.size(); }

 private:
  std::map<std::string, Figure> figures_;
};

// The image of every figure in `issue`, each read once from its src relative
// to `folder` (the issue XML's). Throws ReadError for a file that cannot be
// read and Error for one that is neither JPEG nor PNG or is damaged, naming
// the file and the figure's line in the issue.
Figures read_figures(const Issue& issue, const std::filesystem::path& folder);

// The image of every figure in `issue` from images already in memory (src ->
// bytes, as extraction produces them). Throws Error as Figures::add does, and
// for a figure whose image is not among them.
Figures figures_from_memory(const Issue& issue, const std::map<std::string, std::string>& images);

}  // namespace reissue
