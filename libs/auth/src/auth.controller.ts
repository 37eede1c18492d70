import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AuthService, type TokenPair } from './auth.service';
import { CurrentUser, Public } from './decorators';
import type { Principal } from './principal';

export class LoginDto {
  @ApiProperty({ example: 'bpjs.officer' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, {
    message: 'username must be 3-64 letters, digits, dots, dashes or underscores',
  })
  username!: string;

  @ApiProperty({ example: 'sigap-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refresh token from login or the previous refresh' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'refreshToken is malformed' })
  refreshToken!: string;
}

@ApiTags('auth')
@Controller('api/v1/auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Throttle({ default: { limit: 10, ttl: 60000 } })
  @ApiOperation({ summary: 'Log in: a short-lived bearer access token (JWT) and a rotating refresh token' })
  @ApiOkResponse({ description: 'the token pair and the user' })
  login(@Body() dto: LoginDto): Promise<TokenPair> {
    return this.auth.login(dto.username, dto.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @Throttle({ default: { limit: 30, ttl: 60000 } })
  @ApiOperation({ summary: 'A new token pair for a refresh token, which is used up by this call' })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes a refresh token' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user: role and regions' })
  me(@CurrentUser() user: Principal): Principal {
    return user;
  }
}
