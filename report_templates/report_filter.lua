-- The report's filter, run by both renderers (pandoc directly, Quarto via `filters:` in the
-- document's front matter). Three passes, in order:
--
-- 1. Nothing runs. The document is read without raw HTML, but whatever raw markup, event
--    handler or script link might still reach the tree (another reader, a project's own
--    template) is turned into text or dropped here, before anything else adds its own.
-- 2. Numbers stay whole: an interval ("0.830 to 0.879"), an amount ("36,827 EUR") and "95%
--    interval" are bound with non-breaking spaces, so no line ends inside them.
-- 3. The PDF (typst only): no hyphenation, ragged table cells, tables that may continue on the
--    next page, figures that float to the top or foot of a page rather than leave a gap before
--    them, break opportunities inside long identifiers (after "_" and "/"; in a table cell
--    also after other punctuation, between a lower-case and a capital letter, and every few
--    characters of a long run) so that no word runs into the next column; the
--    recommendation box, callouts and page breaks drawn as typst.

-- 1. -------------------------------------------------------------------------------------------
local KEEP_ATTRIBUTES = { width = true, height = true }
local SAFE_SCHEMES = { http = true, https = true, mailto = true, data = true }

local function clean_attributes(el)
  if el.attributes then
    local keep = {}
    for k, v in pairs(el.attributes) do
      if KEEP_ATTRIBUTES[k] then keep[k] = v end
    end
    el.attributes = keep
  end
  return el
end

local function safe_target(target)
  local scheme = target:match("^%s*([%a][%w+.-]*):")
  return scheme == nil or SAFE_SCHEMES[scheme:lower()] == true
end

-- raw HTML is shown as the text it is (the document's reader makes none; Quarto's own raw
-- output for other formats is its business)
local sanitize = {
  RawInline = function(el)
    if el.format:match("html") then return pandoc.Str(el.text) end
  end,
  RawBlock = function(el)
    if el.format:match("html") then return pandoc.Para({ pandoc.Str(el.text) }) end
  end,
  Span = clean_attributes,
  Div = clean_attributes,
  Code = clean_attributes,
  CodeBlock = clean_attributes,
  Header = clean_attributes,
  Table = clean_attributes,
  Image = function(el)
    if not safe_target(el.src) then return el.caption end
    return clean_attributes(el)
  end,
  Link = function(el)
    if not safe_target(el.target) then return el.content end
    return clean_attributes(el)
  end,
}

-- 2. -------------------------------------------------------------------------------------------
local NBSP = "\u{00A0}"
local MINUS = "\u{2212}"

local function numberish(s)
  if s == nil then return false end
  s = s:gsub("^[%(]", ""):gsub("^" .. MINUS, ""):gsub("^%-", "")
  return s:match("^%d[%d,%.]*%%?[%)]?[,;:.]?$") ~= nil
end

local function unit(s)
  return s ~= nil and (s:match("^%u%u%u[%)]?[,;:.]?$") ~= nil or s:match("^interval") ~= nil)
end

local function text_of(el)
  return el and el.t == "Str" and el.text or nil
end

-- a number, or a unit right after one ("36,827 EUR"): where an interval's first end stops
local function value_end(inlines, k)
  local here = text_of(inlines[k])
  return numberish(here) or (unit(here) and numberish(text_of(inlines[k - 2])))
end

local bind = {
  Inlines = function(inlines)
    for i = 2, #inlines - 1 do
      if inlines[i].t == "Space" then
        local before, after = text_of(inlines[i - 1]), text_of(inlines[i + 1])
        local join = (numberish(before) and unit(after))
          or (value_end(inlines, i - 1) and after == "to" and numberish(text_of(inlines[i + 3])))
          or (before == "to" and numberish(after) and value_end(inlines, i - 3))
        if join then inlines[i] = pandoc.Str(NBSP) end
      end
    end
    return inlines
  end,
}

-- 3. -------------------------------------------------------------------------------------------
local ZWSP = "\u{200B}"
local LONG = 10 -- a run this long without a break opportunity gets one every LONG characters

-- in running text, only identifiers break (after "_" or "/"); in a table cell any long word
local function breakable(s, in_table)
  if #s < 10 or s:match("^[%d,%.%%" .. MINUS .. "%-]+$") then return s end
  s = s:gsub("([_/])(%w)", "%1" .. ZWSP .. "%2")
  if not in_table then return s end
  s = s:gsub("([%.=%)>|*$@#:;&+%-])(%a)", "%1" .. ZWSP .. "%2") -- after closing marks
    :gsub("(%w)([%(<%[])", "%1" .. ZWSP .. "%2") -- before opening ones
    :gsub("(%l)(%u)", "%1" .. ZWSP .. "%2")
  local out = {}
  for piece in (s .. ZWSP):gmatch("(.-)" .. ZWSP) do
    while utf8.len(piece) and utf8.len(piece) > LONG do
      local cut = utf8.offset(piece, LONG + 1)
      table.insert(out, piece:sub(1, cut - 1))
      piece = piece:sub(cut)
    end
    table.insert(out, piece)
  end
  return table.concat(out, ZWSP)
end

local SETUP = [[
#set text(hyphenate: false)
#set par(justify: false)
#show table: set text(size: 8.5pt)
#show table: set par(leading: 0.5em)
#show figure.where(kind: table): set block(breakable: true)
#show figure.where(kind: table): set align(left)
#show figure.where(kind: image): set figure(placement: auto)
#show heading: set block(sticky: true)
#set par(spacing: 0.9em)
#set list(spacing: 0.65em)
#set enum(spacing: 0.65em)
]]

local fills = {
  ["rec-build"] = "#e7f4ea", ["rec-build-with-conditions"] = "#fff6e0",
  ["rec-do-not-build"] = "#fbeaea", ["rec-inconclusive"] = "#eef2f6",
  ["callout-important"] = "#fbeaea", ["callout-warning"] = "#fff6e0", ["callout-note"] = "#eef2f6",
  ["keynote"] = "#f4f6f8",
}
local strokes = {
  ["rec-build"] = "#2e7d32", ["rec-build-with-conditions"] = "#d08c1f",
  ["rec-do-not-build"] = "#b23b3b", ["rec-inconclusive"] = "#5b6b7b",
  ["callout-important"] = "#b23b3b", ["callout-warning"] = "#d08c1f", ["callout-note"] = "#1f5f8b",
  ["keynote"] = "#5b6b7b",
}

local in_cells = {
  Str = function(el)
    el.text = breakable(el.text, true)
    return el
  end,
}

local typst = {
  Str = function(el)
    el.text = breakable(el.text, false)
    return el
  end,
  Table = function(el)
    return el:walk(in_cells)
  end,
  Div = function(el)
    for _, cls in ipairs(el.classes) do
      if cls == "pagebreak" then
        return pandoc.RawBlock("typst", "#pagebreak(weak: true)")
      end
      if cls == "terms" then -- the glossary's explanations: small, beside the text they explain
        local blocks = { pandoc.RawBlock("typst", '#block(above: 0.6em, below: 0.9em)[#set text(size: 8.5pt, fill: rgb("#3d4a57"))') }
        for _, b in ipairs(el.content) do
          table.insert(blocks, b)
        end
        table.insert(blocks, pandoc.RawBlock("typst", "]"))
        return blocks
      end
      if fills[cls] then
        local open = string.format(
          '#block(fill: rgb("%s"), stroke: (left: 3pt + rgb("%s")), inset: 6pt, radius: 2pt, width: 100%%, breakable: true)[',
          fills[cls], strokes[cls])
        local blocks = { pandoc.RawBlock("typst", open) }
        for _, b in ipairs(el.content) do
          table.insert(blocks, b)
        end
        table.insert(blocks, pandoc.RawBlock("typst", "]"))
        return blocks
      end
    end
  end,
  Pandoc = function(doc)
    -- the date under the question, not in a block of its own: page one has room to spare for
    -- nothing
    if doc.meta.subtitle and doc.meta.date then
      local sub = pandoc.List(doc.meta.subtitle)
      sub:insert(pandoc.LineBreak())
      sub:insert(pandoc.RawInline("typst", "#text(weight: \"regular\", size: 0.7em)["))
      sub:extend(doc.meta.date)
      sub:insert(pandoc.RawInline("typst", "]"))
      doc.meta.subtitle = pandoc.MetaInlines(sub)
      doc.meta.date = nil
    end
    table.insert(doc.blocks, 1, pandoc.RawBlock("typst", SETUP))
    return doc
  end,
}

local filters = { sanitize, bind }
if FORMAT:match("typst") then
  table.insert(filters, typst)
end
return filters
