/** @jsxImportSource hono/jsx */
import {raw} from 'hono/html'

import type {PostPageQueryResult} from '../queries/index.ts'
import {HERO_LAYOUT, LINK_LAYOUT} from './images.ts'
import {Picture} from './picture.tsx'
import {renderBody} from './portable-text.tsx'
import type {SiteContext} from './site-context.ts'

/** A post as `postPageQuery` returns it for an existing slug. */
export type PostPageData = NonNullable<PostPageQueryResult>
type LinkedPost = NonNullable<PostPageData['previous']>

/** "Previous post" or "Next post": the linked post's picture and title, one link. */
function PostLink(props: {
  post: LinkedPost
  label: 'Previous post' | 'Next post'
  rel: 'prev' | 'next'
  site: SiteContext
}) {
  const {post, site} = props
  return (
    <a
      class={`post-link post-link-${props.rel}`}
      rel={props.rel}
      href={`/posts/${encodeURIComponent(post.slug)}`}
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

/**
 * The article page: kicker, title and date; the hero image with its caption; the body; the
 * tags; previous and next posts. The excerpt is for lists and social cards (the page's meta
 * description), not repeated above the body.
 */
export function PostPage(props: {post: PostPageData; site: SiteContext}) {
  const {post, site} = props
  const tags = post.tags ?? []
  const [kicker] = tags
  return (
    <article class="article">
      <header class="article-header">
        {kicker ? (
          <p class="kicker">
            <a href={`/tags/${encodeURIComponent(kicker.slug)}`}>{kicker.title}</a>
          </p>
        ) : null}
        <h1>{post.title}</h1>
        <p class="article-meta">
          {post.publishedAt ? (
            <time datetime={post.publishedAt}>{site.formatDate(post.publishedAt)}</time>
          ) : null}
          {/* Read time: the line "Read Time: 7 Minute, 39 Second" from post.readTimeSeconds goes here. */}
        </p>
      </header>
      {post.heroImage?.asset ? (
        <figure class="hero">
          <Picture image={post.heroImage} layout={HERO_LAYOUT} images={site.images} priority />
          {post.heroImage.caption ? <figcaption>{post.heroImage.caption}</figcaption> : null}
        </figure>
      ) : null}
      <div class="article-body">{raw(renderBody(post.body ?? [], site.images))}</div>
      <footer class="article-footer">
        {tags.length > 0 ? (
          <section class="tags" aria-labelledby="tags-heading">
            <h2 id="tags-heading">Tags</h2>
            <ul>
              {tags.map((tag) => (
                <li>
                  <a href={`/tags/${encodeURIComponent(tag.slug)}`}>{tag.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {/* Reactions: a button per reaction kind, with its percentage of post.reactions, goes here. */}
        {post.previous || post.next ? (
          <nav class="post-links" aria-label="Previous and next posts">
            {post.previous ? (
              <PostLink post={post.previous} label="Previous post" rel="prev" site={site} />
            ) : null}
            {post.next ? (
              <PostLink post={post.next} label="Next post" rel="next" site={site} />
            ) : null}
          </nav>
        ) : null}
      </footer>
    </article>
  )
}
