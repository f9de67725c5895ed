/** @jsxImportSource hono/jsx */
import {raw} from 'hono/html'

import {formatReadTime} from 'sanity-plugin-newsroom/read-time'
import type {ReactionKind} from 'sanity-plugin-newsroom/reactions'
import {POST_TYPE, type PostPageQueryResult} from 'sanity-plugin-newsroom/queries'
import {HERO_LAYOUT, LINK_LAYOUT} from './images.ts'
import {authorPath, postPath, tagPath} from './paths.ts'
import {Picture} from './picture.tsx'
import {renderBody, renderFootnotes} from './portable-text.tsx'
import {ReactionsBlock, type ReactionTally} from './reactions.tsx'
import type {EditPath} from './preview-page.ts'
import type {SiteContext} from './site-context.ts'

/** A post as `postPageQuery` returns it for an existing slug. */
export type PostPageData = NonNullable<PostPageQueryResult>
type LinkedPost = NonNullable<PostPageData['previous']>

/** "Previous post" or "Next post": the linked post's picture and title, one link. */
/** A tag's title, linking to its page when its slug can be part of a URL. */
function TagLink({tag}: {tag: {slug: string; title: string}}) {
  const href = tagPath(tag.slug)
  return href ? <a href={href}>{tag.title}</a> : <>{tag.title}</>
}

function PostLink(props: {
  post: LinkedPost
  label: 'Previous post' | 'Next post'
  rel: 'prev' | 'next'
  site: SiteContext
  /** Preview pages: the click-to-edit attribute of the link field. */
  edit?: string
}) {
  const {post, site} = props
  const href = postPath(post.slug)
  if (!href) return null
  return (
    <a
      class={`post-link post-link-${props.rel}`}
      rel={props.rel}
      href={href}
      data-sanity={props.edit}
    >
      {post.heroImage ? (
        <Picture
          image={post.heroImage}
          layout={LINK_LAYOUT}
          images={site.images}
          class="post-link-image"
        />
      ) : null}
      <span class="post-link-text">
        <span class="post-link-label">{props.label}</span>
        <span class="post-link-title">{post.title}</span>
      </span>
    </a>
  )
}

type BylineAuthor = NonNullable<PostPageData['authors']>[number]

/** "By Camille Laurent and Jon Ode": each name links to the author's page when it has one. */
export function Byline(props: {authors: readonly BylineAuthor[]}) {
  const {authors} = props
  if (authors.length === 0) return null
  return (
    <p class="byline">
      {'By '}
      {authors.map((author, index) => {
        const href = author.slug ? authorPath(author.slug) : undefined
        return (
          <>
            {index === 0 ? '' : index === authors.length - 1 ? ' and ' : ', '}
            {href ? (
              <a rel="author" href={href}>
                {author.name}
              </a>
            ) : (
              <span>{author.name}</span>
            )}
          </>
        )
      })}
    </p>
  )
}

/** The reactions under the post: the kinds, the tally to show, and whether readers can vote. */
export interface PostReactions {
  kinds: readonly ReactionKind[]
  tally: ReactionTally
  enabled: boolean
}

/**
 * The article page: kicker, title, byline, date and read time; the hero image with its caption; the
 * body; the tags; the reactions; previous and next posts. The excerpt is for lists and social
 * cards (the page's meta description), not repeated above the body.
 */
export function PostPage(props: {post: PostPageData; site: SiteContext; reactions: PostReactions}) {
  const {post, site, reactions} = props
  const tags = post.tags ?? []
  /** On preview pages, where the overlays take an editor in the Studio; nothing on public ones. */
  const edit = (path: EditPath) => site.edit?.({_id: post._id, _type: POST_TYPE}, path)
  const [kicker] = tags
  // The old site's wording: "Read Time: 7 Minute, 39 Second". No line for an empty post.
  const readTime = post.readTimeSeconds ? formatReadTime(post.readTimeSeconds, {style: 'long'}) : ''
  return (
    <article class="article">
      <header class="article-header">
        {kicker ? (
          <p class="kicker">
            <TagLink tag={kicker} />
          </p>
        ) : null}
        <h1 data-sanity={edit('title')}>{post.title}</h1>
        <Byline authors={post.authors ?? []} />
        <p class="article-meta">
          {post.publishedAt ? (
            <time datetime={post.publishedAt}>{site.formatDate(post.publishedAt)}</time>
          ) : null}
          {readTime ? <span class="read-time">{`Read Time: ${readTime}`}</span> : null}
        </p>
      </header>
      {post.heroImage?.asset ? (
        <figure class="hero" data-sanity={edit('heroImage')}>
          <Picture image={post.heroImage} layout={HERO_LAYOUT} images={site.images} priority />
          {post.heroImage.caption ? <figcaption>{post.heroImage.caption}</figcaption> : null}
        </figure>
      ) : null}
      <div class="article-body">
        {raw(
          renderBody(
            post.body ?? [],
            site.images,
            site.edit ? (key) => edit(['body', {_key: key}]) : undefined,
          ),
        )}
      </div>
      {post.footnotes?.length ? raw(renderFootnotes(post.footnotes)) : null}
      <footer class="article-footer">
        {tags.length > 0 ? (
          <section class="tags" aria-labelledby="tags-heading" data-sanity={edit('tags')}>
            <h2 id="tags-heading">Tags</h2>
            <ul>
              {tags.map((tag) => (
                <li>
                  <TagLink tag={tag} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <ReactionsBlock
          postId={post._id}
          slug={post.slug}
          kinds={reactions.kinds}
          tally={reactions.tally}
          enabled={reactions.enabled}
        />
        {post.previous || post.next ? (
          <nav class="post-links" aria-label="Previous and next posts">
            {post.previous ? (
              <PostLink
                post={post.previous}
                label="Previous post"
                rel="prev"
                site={site}
                edit={edit('previous')}
              />
            ) : null}
            {post.next ? (
              <PostLink
                post={post.next}
                label="Next post"
                rel="next"
                site={site}
                edit={edit('next')}
              />
            ) : null}
          </nav>
        ) : null}
      </footer>
    </article>
  )
}
