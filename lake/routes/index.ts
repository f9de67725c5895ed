/**
 * Every route module of the lake, registered in one place. Each module exports
 * `register<Name>Routes(router, ctx)`.
 */
import type {Router} from '../router.ts'
import type {LakeContext} from '../types.ts'
import {registerDataRoutes} from './data.ts'
import {registerAssetRoutes} from './assets.ts'
import {registerActionRoutes} from './actions.ts'
import {registerHistoryRoutes} from './history.ts'
import {registerStudioRoutes} from './studio.ts'
import {registerListenRoutes} from './listen.ts'
import {registerLiveRoutes} from './live.ts'

/** Register all of the lake's routes on `router`. */
export function registerRoutes(router: Router, ctx: LakeContext): void {
  registerDataRoutes(router, ctx)
  registerAssetRoutes(router, ctx)
  registerActionRoutes(router, ctx)
  registerHistoryRoutes(router, ctx)
  registerStudioRoutes(router, ctx)
  registerListenRoutes(router, ctx)
  registerLiveRoutes(router, ctx)
}
