/**
 * Country picker: a text box that searches /api/countries as you type, with a list you drive by
 * keyboard (↓ ↑ Enter Esc) or pointer — the WAI-ARIA 1.2 combobox pattern. Enter takes the best
 * match even before the list has appeared; a misspelling lists the closest names, visibly.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { getJson, type CountryMatch } from "./api";

interface Props {
  id: string;
  label: string;
  value: CountryMatch | undefined;
  placeholder: string;
  onChange(value: CountryMatch): void;
  /** An emptied box and Enter (or leaving it empty) clears the choice. */
  clearable?: boolean;
  onClear?(): void;
}

interface Answer {
  query: string;
  results: CountryMatch[];
  suggestions?: CountryMatch[];
}

const search = (q: string, signal?: AbortSignal) => getJson<Answer>(`/api/countries?q=${encodeURIComponent(q.slice(0, 100))}&limit=8`, signal);

export function label(c: CountryMatch): string {
  const years = c.valid_to !== undefined ? ` (to ${c.valid_to})` : "";
  return `${c.display_name}${years} · ${c.code}`;
}

export function Combobox({ id, label: text, value, placeholder, onChange, clearable, onClear }: Props) {
  const [query, setQuery] = useState(value ? label(value) : "");
  const [options, setOptions] = useState<CountryMatch[]>([]);
  const [answeredFor, setAnsweredFor] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  /** Shown under the box: a misspelling's closest names, or that nothing matched. */
  const [hint, setHint] = useState("");
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
      setHint("");
      setStatus("");
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      search(q, ctl.signal).then(
        (r) => show(q, r),
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

  const show = (q: string, r: Answer) => {
    const list = r.results.length ? r.results : (r.suggestions ?? []);
    setOptions(list);
    setAnsweredFor(q);
    setActive(list.length ? 0 : -1);
    setOpen(true);
    const words = r.results.length ? "" : list.length ? `No country is called “${q}”. Closest names: ${list.slice(0, 3).map((c) => c.display_name).join(", ")}.` : `No country or code matches “${q}”.`;
    setHint(words);
    setStatus(r.results.length ? `${r.results.length} matches` : words);
  };

  const choose = (c: CountryMatch) => {
    typed.current = false;
    setHint("");
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
      const q = query.trim();
      if (!typed.current) return;
      e.preventDefault();
      if (!q) {
        typed.current = false;
        if (clearable) onClear?.();
        return;
      }
      if (answeredFor === q && options[active]) return choose(options[active]!);
      // Enter before the list arrived: ask now and take the best match.
      search(q).then(
        (r) => {
          const best = r.results[0] ?? r.suggestions?.[0];
          if (r.results[0]) choose(r.results[0]);
          else show(q, r);
          if (!best) setOpen(false);
        },
        (err: Error) => setStatus(err.message),
      );
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
        aria-describedby={hint ? `${id}-hint` : undefined}
        onBlur={() => {
          setOpen(false);
          if (typed.current && !query.trim() && clearable && value) {
            typed.current = false;
            onClear?.();
            return;
          }
          if (typed.current && !hint) {
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
      {hint ? (
        <p id={`${id}-hint`} class="combo-hint">
          {hint}
        </p>
      ) : null}
      <span class="sr-only" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
