-- Give the report's boxes (the recommendation, callouts) the same colours in the PDF as the
-- HTML gets from report_style.css. Used by both renderers (pandoc directly, Quarto via
-- `filters:` in the document's front matter).
local fills = {
  ["rec-build"] = "#e7f4ea", ["rec-build_with_conditions"] = "#fff6e0",
  ["rec-do_not_build"] = "#fbeaea", ["rec-inconclusive"] = "#eef2f6",
  ["callout-important"] = "#fbeaea", ["callout-warning"] = "#fff6e0", ["callout-note"] = "#eef2f6",
}
local strokes = {
  ["rec-build"] = "#2e7d32", ["rec-build_with_conditions"] = "#d08c1f",
  ["rec-do_not_build"] = "#b23b3b", ["rec-inconclusive"] = "#5b6b7b",
  ["callout-important"] = "#b23b3b", ["callout-warning"] = "#d08c1f", ["callout-note"] = "#1f5f8b",
}

function Div(el)
  if not FORMAT:match("typst") then
    return nil
  end
  for _, cls in ipairs(el.classes) do
    if fills[cls] then
      local open = string.format(
        '#block(fill: rgb("%s"), stroke: (left: 3pt + rgb("%s")), inset: 8pt, radius: 2pt, width: 100%%, breakable: true)[',
        fills[cls], strokes[cls])
      local blocks = { pandoc.RawBlock("typst", open) }
      for _, b in ipairs(el.content) do
        table.insert(blocks, b)
      end
      table.insert(blocks, pandoc.RawBlock("typst", "]"))
      return blocks
    end
  end
end
