import { avatarColour, initials } from "../format.ts";

/** The messenger's picture when there is one, else initials on a colour taken from the id. */
export function Avatar(props: { id: string; name: string; url?: string; size?: number }) {
  const size = props.size ?? 40;
  const style = `width:${size}px;height:${size}px;font-size:${Math.round(size * 0.38)}px`;
  if (props.url) {
    return <img class="avatar" src={props.url} alt="" width={size} height={size} style={style} />;
  }
  return (
    <span
      class="avatar"
      aria-hidden="true"
      style={`${style};background:${avatarColour(props.id)}`}
    >
      {initials(props.name)}
    </span>
  );
}
