/** One kind of reader reaction, e.g. Happy. */
export interface ReactionKind {
  /** Field name in the tally, e.g. `happy`: letters, digits and underscores, starting with a letter. */
  name: string
  /** Label shown to editors and readers, e.g. `Happy`. */
  title: string
  /** Emoji shown beside the title. */
  emoji?: string
}

/** The six reactions the publication's old article page shows, in its order. */
export const DEFAULT_REACTION_KINDS: readonly ReactionKind[] = [
  {name: 'happy', title: 'Happy', emoji: '😀'},
  {name: 'sad', title: 'Sad', emoji: '😢'},
  {name: 'excited', title: 'Excited', emoji: '🤩'},
  {name: 'sleepy', title: 'Sleepy', emoji: '😴'},
  {name: 'angry', title: 'Angry', emoji: '😠'},
  {name: 'surprise', title: 'Surprise', emoji: '😮'},
]

/** How editors and the Studio name a kind: `😀 Happy`, or the title alone without an emoji. */
export function reactionKindLabel(kind: ReactionKind): string {
  return kind.emoji ? `${kind.emoji} ${kind.title}` : kind.title
}
