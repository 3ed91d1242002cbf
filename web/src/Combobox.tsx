/**
 * Country picker: a text box that searches /api/countries as you type, with a list you drive by
 * keyboard (↓ ↑ Enter Esc) or pointer — the WAI-ARIA 1.2 combobox pattern.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { getJson, type CountryMatch } from "./api";

interface Props {
  id: string;
  label: string;
  value: CountryMatch | undefined;
  placeholder: string;
  onChange(value: CountryMatch): void;
}

export function label(c: CountryMatch): string {
  const years = c.valid_to !== undefined ? ` (to ${c.valid_to})` : "";
  return `${c.display_name}${years} · ${c.code}`;
}

export function Combobox({ id, label: text, value, placeholder, onChange }: Props) {
  const [query, setQuery] = useState(value ? label(value) : "");
  const [options, setOptions] = useState<CountryMatch[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const typed = useRef(false);
  const listId = `${id}-list`;

  useEffect(() => {
    if (!typed.current) setQuery(value ? label(value) : "");
  }, [value]);

  useEffect(() => {
    if (!typed.current) return;
    const q = query.trim();
    if (!q) {
      setOptions([]);
      setStatus("");
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      getJson<{ results: CountryMatch[] }>(`/api/countries?q=${encodeURIComponent(q.slice(0, 100))}&limit=8`, ctl.signal).then(
        (r) => {
          setOptions(r.results);
          setActive(r.results.length ? 0 : -1);
          setOpen(true);
          setStatus(r.results.length ? `${r.results.length} matches` : `no country matches "${q}"`);
        },
        (e: Error) => {
          if (e.name !== "AbortError") setStatus(e.message);
        },
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [query]);

  const choose = (c: CountryMatch) => {
    typed.current = false;
    setQuery(label(c));
    setOpen(false);
    setActive(-1);
    onChange(c);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open && options.length) setOpen(true);
      setActive((i) => Math.min(options.length - 1, i + 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === "Enter") {
      if (open && options[active]) {
        e.preventDefault();
        choose(options[active]!);
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else {
        typed.current = false;
        setQuery(value ? label(value) : "");
      }
    }
  };

  const expanded = open && options.length > 0;
  return (
    <div class="combo">
      <label for={id}>{text}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        autocomplete="off"
        spellcheck={false}
        maxLength={100}
        placeholder={placeholder}
        value={query}
        onInput={(e) => {
          typed.current = true;
          setQuery((e.target as HTMLInputElement).value);
        }}
        onKeyDown={onKeyDown}
        onFocus={(e) => (e.target as HTMLInputElement).select()}
        onBlur={() => {
          setOpen(false);
          if (typed.current) {
            typed.current = false;
            setQuery(value ? label(value) : "");
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={text} class="combo-list" hidden={!expanded}>
        {options.map((o, i) => (
          <li
            key={o.code}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? "active" : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o);
            }}
            onMouseMove={() => setActive(i)}
          >
            <span class="opt-name">{o.display_name}</span>
            <span class="opt-meta">
              {o.code}
              {o.valid_to !== undefined ? ` · to ${o.valid_to}` : ""}
              {o.kind !== "country" ? ` · ${o.kind}` : ""}
            </span>
          </li>
        ))}
      </ul>
      <span class="sr-only" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
