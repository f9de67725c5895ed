/** @jsxImportSource hono/jsx */

/** Where a status page sends the reader next: the latest news unless told otherwise. */
export interface StatusLink {
  href: string
  text: string
}

const HOME: StatusLink = {href: '/', text: 'Go to the latest news'}

/** A page for a status other than 200: what happened and where to go. */
export function StatusPage(props: {heading: string; message: string; link?: StatusLink}) {
  const link = props.link ?? HOME
  return (
    <section class="status">
      <h1>{props.heading}</h1>
      <p>{props.message}</p>
      <p>
        <a href={link.href}>{link.text}</a>
      </p>
    </section>
  )
}
