/** Indicator cards: the profile's headline numbers, each with what it measures (values from cardValues, the report's own fields and grades). */
import type { Profile } from "./api";
import { cardValues, type CardValue } from "./cardValues";

function Card({ card }: { card: CardValue }) {
  return (
    <li class={`card${card.tone ? ` card-${card.tone}` : ""}`}>
      <h3>{card.title}</h3>
      <p class="card-value">{card.value}</p>
      {card.note ? <p class="card-note">{card.note}</p> : null}
    </li>
  );
}

export function Cards({ p }: { p: Profile }) {
  return (
    <ul class="cards" aria-label="Indicators">
      {cardValues(p).map((c) => (
        <Card key={c.id} card={c} />
      ))}
    </ul>
  );
}
