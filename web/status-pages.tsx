/** @jsxImportSource hono/jsx */

/** A page for a status other than 200: what happened and where to go. */
export function StatusPage(props: {heading: string; message: string}) {
  return (
    <section class="status">
      <h1>{props.heading}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">Go to the latest news</a>
      </p>
    </section>
  )
}
