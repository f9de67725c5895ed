/** @jsxImportSource hono/jsx */
import {
  POST_TYPE,
  encodeCursor,
  type AuthorPageQueryResult,
  type LatestPostsQueryResult,
  type PostCursor,
  type PostsByTagQueryResult,
} from 'sanity-plugin-newsroom/queries'
import {AUTHOR_PHOTO_LAYOUT, CARD_LAYOUT} from './images.ts'
import {authorPath, postPath, tagPath} from './paths.ts'
import {Picture} from './picture.tsx'
import type {SiteContext} from './site-context.ts'

type PostCardData = LatestPostsQueryResult[number]

/** One post in a list: picture, kicker, title (the link), excerpt, date. */
function PostCard(props: {post: PostCardData; site: SiteContext}) {
  const {post, site} = props
  const href = postPath(post.slug)
  const [kicker] = post.tags ?? []
  /** On preview pages, where the overlays take an editor in the Studio; nothing on public ones. */
  const edit = (path: string) => site.edit?.({_id: post._id, _type: POST_TYPE}, path)
  return (
    <li class="card">
      {post.heroImage?.asset && href ? (
        <a class="card-image" href={href} tabindex={-1} aria-hidden="true">
          <Picture image={post.heroImage} layout={CARD_LAYOUT} images={site.images} />
        </a>
      ) : null}
      {kicker ? <p class="kicker">{kicker.title}</p> : null}
      <h2 class="card-title" data-sanity={edit('title')}>
        {href ? <a href={href}>{post.title}</a> : post.title}
      </h2>
      {post.excerpt ? (
        <p class="card-excerpt" data-sanity={edit('excerpt')}>
          {post.excerpt}
        </p>
      ) : null}
      {post.publishedAt ? (
        <p class="card-meta">
          <time datetime={post.publishedAt}>{site.formatDate(post.publishedAt)}</time>
        </p>
      ) : null}
    </li>
  )
}

/** A page of posts and the link to the next (older) page, if any. */
function PostList(props: {
  posts: PostCardData[]
  nextCursor: PostCursor | null
  basePath: string
  site: SiteContext
}) {
  if (props.posts.length === 0) return <p class="empty">No posts yet.</p>
  return (
    <>
      <ul class="cards">
        {props.posts.map((post) => (
          <PostCard post={post} site={props.site} />
        ))}
      </ul>
      {props.nextCursor ? (
        <nav class="pager" aria-label="Pages">
          <a
            rel="next"
            href={`${props.basePath}?${new URLSearchParams({cursor: encodeCursor(props.nextCursor)})}`}
          >
            Older posts
          </a>
        </nav>
      ) : null}
    </>
  )
}

/** `/`: the latest posts, newest first, a page at a time. */
export function HomePage(props: {
  posts: PostCardData[]
  nextCursor: PostCursor | null
  isFirstPage: boolean
  site: SiteContext
}) {
  return (
    <section class="listing">
      <h1 class="listing-title">{props.isFirstPage ? 'Latest news' : 'Older news'}</h1>
      <PostList posts={props.posts} nextCursor={props.nextCursor} basePath="/" site={props.site} />
    </section>
  )
}

/** `/tags/<slug>`: the tag, its description and post count, and its posts a page at a time. */
export function TagPage(props: {
  tag: NonNullable<PostsByTagQueryResult>
  posts: PostCardData[]
  nextCursor: PostCursor | null
  site: SiteContext
}) {
  const {tag} = props
  return (
    <section class="listing">
      <p class="kicker">Tag</p>
      <h1 class="listing-title">{tag.title}</h1>
      {tag.description ? <p class="standfirst">{tag.description}</p> : null}
      <p class="listing-count">{tag.postCount === 1 ? '1 post' : `${tag.postCount} posts`}</p>
      <PostList
        posts={props.posts}
        nextCursor={props.nextCursor}
        basePath={tagPath(tag.slug) ?? '/'}
        site={props.site}
      />
    </section>
  )
}

/** A link's visible text: its host and path, without the scheme. */
const linkText = (url: string) => url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')

/** `/authors/<slug>`: the author's photo, name, role, bio and links, and their posts. */
export function AuthorPage(props: {
  author: NonNullable<AuthorPageQueryResult>
  posts: PostCardData[]
  nextCursor: PostCursor | null
  site: SiteContext
}) {
  const {author, site} = props
  const links = (author.links ?? []).filter((link): link is string => typeof link === 'string')
  return (
    <section class="listing author">
      <header class="author-header">
        {author.photo?.asset ? (
          <Picture
            image={author.photo}
            layout={AUTHOR_PHOTO_LAYOUT}
            images={site.images}
            class="author-photo"
          />
        ) : null}
        <div>
          <p class="kicker">{author.role ?? 'Author'}</p>
          <h1 class="listing-title">{author.name}</h1>
          {author.bio ? <p class="standfirst">{author.bio}</p> : null}
          {links.length > 0 ? (
            <ul class="author-links">
              {links.map((url) => (
                <li>
                  <a href={url} rel="me noopener">
                    {linkText(url)}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </header>
      <p class="listing-count">{author.postCount === 1 ? '1 post' : `${author.postCount} posts`}</p>
      <PostList
        posts={props.posts}
        nextCursor={props.nextCursor}
        basePath={authorPath(author.slug) ?? '/'}
        site={site}
      />
    </section>
  )
}
